// Bundles the compiled command line (dist/src/cli/main.js, and the work of its worker threads:
// bundle-entry.js) into one CommonJS file, dist/src/cli/ersim.cjs,
// and warms V8's code cache for it with short runs (scripts/warm-cli-cache.mjs, src/boot/load-cli.cts, docs/performance.md).
// `--names` keeps every function its name, for profiles (a bundle 230 kB larger, 3 ms slower to start).
// Left out, loaded from dist/ when used: the report (its chart modules are ES modules only) and the
// Redis queue; the packages loaded only on demand stay in node_modules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(root, 'dist/src/cli/ersim.cjs');

for (const name of readdirSync(dirname(outfile))) if (/^ersim\.cjs\..*(cache|tmp)$/.test(name)) rmSync(join(dirname(outfile), name));
/** zod's namespace exports every language's messages: here an empty module stands for them. */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`) ? { path: 'locales', namespace: 'english-only-zod' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * commander requires node:child_process (and with it net, dgram and their bindings: 2.5 ms at every
 * start) for the executable subcommands ersim has none of: it gets a stand-in that loads
 * child_process only when commander spawns.
 */
const commanderSpawnsOnDemand = {
  name: 'commander-spawns-on-demand',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${sep}commander${sep}`) ? { path: 'child_process', namespace: 'commander-spawns-on-demand' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'commander-spawns-on-demand' }, () => ({
      contents: "module.exports = { get spawn() { return require('node:child_process').spawn; } };",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [join(root, 'dist/src/cli/bundle-entry.js')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  // shorter names: a smaller bundle and code cache to read and deserialize at every start (3 ms, docs/performance.md);
  // ersim's errors name no function (InterruptedError and TaskError set their names). A profile of the
  // command line wants the names: node scripts/bundle-cli.mjs --names
  minifyIdentifiers: !process.argv.includes('--names'),
  // every module of dist/src/<folder>/ names files from its folder's parent: so does the bundle, one folder down
  banner: { js: "const __ersimModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__ersimModuleUrl' },
  // zod's namespace exports its 50 languages' messages (300 kB, a quarter of the bundle, all read and
  // deserialized at every start); ersim reports in English only, which zod's schemas import directly
  plugins: [englishOnlyZod, commanderSpawnsOnDemand],
  external: ['../report/*', '../parallel/queue/submit.js', '../parallel/queue/queue-worker.js', 'bullmq', 'ioredis', 'vega', 'vega-lite', 'piscina', 'cli-progress', 'playwright-core'],
});

// a static import of a module left out would be a require() of an ES module, which Node 20 may refuse
const bundled = readFileSync(outfile, 'utf8');
const leftOut = /require\("(\.\.\/[^"]+|bullmq|ioredis|vega|vega-lite|playwright-core)"\)/.exec(bundled);
if (leftOut !== null) throw new Error(`${outfile}: ${leftOut[0]}: import that module with import() where it is used`);
// piscina (and node:worker_threads, node:assert with it) costs 10 ms at every start: the modules that
// use it require it then, through createRequire, which the bundle leaves alone
if (bundled.includes('require("piscina")')) throw new Error(`${outfile}: piscina is required at load time: require it where it is used`);
const bareImport = /\bimport\("(?!\.\.\/)([^"]+)"\)/.exec(bundled);
if (bareImport !== null) throw new Error(`${outfile}: ${bareImport[0]}: the bundle imports only ../<folder>/ modules of dist/src`);
// Node 20 runs no import() of a script compiled with a code cache: the loader passes one in (src/boot/load-cli.cts)
writeFileSync(outfile, bundled.replaceAll('import("../', '__ersimImport("../'));

// like piscina, node:worker_threads (1-2 ms) and node:child_process (2.5 ms) are for split replications
// and commander's subcommands only: a start of the bundle must not load them
const probe = spawnSync(
  process.execPath,
  ['-e', `require(${JSON.stringify(outfile)}).main(['node', 'ersim', '--version'], { out() {}, err() {} }).then(() => console.log(process.moduleLoadList.join(',')))`],
  { encoding: 'utf8' },
);
if (probe.status !== 0) throw new Error(`${outfile}: ersim --version failed: ${probe.stderr}`);
for (const builtin of ['worker_threads', 'child_process']) {
  if (probe.stdout.split(',').includes(`NativeModule ${builtin}`)) throw new Error(`${outfile}: node:${builtin} is loaded at start: require it where it is used`);
}

const out = mkdtempSync(join(tmpdir(), 'ersim-warm-'));
try {
  const warm = spawnSync(process.execPath, [join(root, 'scripts/warm-cli-cache.mjs'), out], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (warm.status !== 0) throw new Error(`warming the code cache: exited with ${warm.status ?? warm.signal}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
