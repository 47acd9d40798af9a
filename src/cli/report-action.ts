import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomically } from '../output/atomic-files.js';
import { buildReport } from '../report/build-report.js';
import { linkSamplesOfFile } from '../report/time-series-file.js';

const TIME_SERIES_FILE = 'timeseries.csv';
import { UsageError } from './errors.js';

/** Read a results folder's CSV files (and scenario.yaml) and write report.html beside them. */
export async function reportAction(io: { out: (s: string) => void }, dir: string): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such results folder`);
  const names = readdirSync(dir).filter((n) => n.endsWith('.csv') || n === 'scenario.yaml');
  if (!names.includes('summary.csv')) throw new UsageError(`${dir}: not a results folder of ersim (no summary.csv)`);
  // the time series can be millions of rows: streamed, not read whole
  const files = Object.fromEntries(names.filter((n) => n !== TIME_SERIES_FILE).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  const timeSeries = names.includes(TIME_SERIES_FILE) ? linkSamplesOfFile(join(dir, TIME_SERIES_FILE)) : undefined;
  const written = writeFilesAtomically(dir, { 'report.html': await buildReport(files, timeSeries) });
  io.out(`wrote ${written.join(', ')}\n`);
}
