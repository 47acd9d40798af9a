import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder inside the test run's own (test/support/temp-root.ts), removed with it when the run ends. */
export function testTempDir(prefix = 'ersim-test-'): string {
  return mkdtempSync(join(process.env.ERSIM_TEST_TMP ?? tmpdir(), prefix));
}
