import { defineConfig } from 'vitest/config';

export default defineConfig({
  // src/boot/*.cts are TypeScript too (CommonJS: the command line's entry and the pool's threads load them with require)
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    globalSetup: ['test/support/temp-root.ts'],
  },
});
