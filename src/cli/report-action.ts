import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomically } from '../output/atomic-files.js';
import { buildReport } from '../report/build-report.js';
import { UsageError } from './errors.js';

/** Read a results folder's CSV files (and scenario.yaml) and write report.html beside them. */
export async function reportAction(io: { out: (s: string) => void }, dir: string): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such results folder`);
  const names = readdirSync(dir).filter((n) => n.endsWith('.csv') || n === 'scenario.yaml');
  if (!names.includes('summary.csv')) throw new UsageError(`${dir}: not a results folder of ersim (no summary.csv)`);
  const files = Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  const written = writeFilesAtomically(dir, { 'report.html': await buildReport(files) });
  io.out(`wrote ${written.join(', ')}\n`);
}
