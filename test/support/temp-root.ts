import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest's global set-up: one folder for every temporary folder the tests make (`testTempDir`),
 * removed when the run ends, so that `npm test` leaves nothing behind in the system's temp folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'ersim-tests-'));
  process.env.ERSIM_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
