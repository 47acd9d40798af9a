import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomically } from '../output/atomic-files.js';
import { UsageError } from './errors.js';

const TIME_SERIES_FILE = 'timeseries.csv';

/** Read a results folder's CSV files (and scenario.yaml) and write report.html beside them. */
export async function reportAction(io: { out: (s: string) => void }, dir: string): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such results folder`);
  const names = readdirSync(dir).filter((n) => n.endsWith('.csv') || n === 'scenario.yaml');
  if (!names.includes('summary.csv')) throw new UsageError(`${dir}: not a results folder of ersim (no summary.csv)`);
  // loaded here, not with the command line: the charts' modules are ES modules only (docs/performance.md)
  const [{ buildReport }, { linkSamplesOfFile }] = await Promise.all([import('../report/build-report.js'), import('../report/time-series-file.js')]);
  // the time series can be millions of rows: streamed, not read whole
  const files = Object.fromEntries(names.filter((n) => n !== TIME_SERIES_FILE).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  const timeSeries = names.includes(TIME_SERIES_FILE) ? linkSamplesOfFile(join(dir, TIME_SERIES_FILE)) : undefined;
  const written = writeFilesAtomically(dir, { 'report.html': await buildReport(files, timeSeries) });
  io.out(`wrote ${written.join(', ')}\n`);
}
