import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseString } from 'fast-csv';
import type { LinkSamples } from './prepare.js';

/**
 * The link samples of a timeseries.csv on disk, read line by line each time they are visited: a
 * file of millions of rows is never held in memory (the report reads it twice, in two passes).
 * Lines without a quote are split at their commas; the rare quoted line (a name with a comma) is
 * parsed by fast-csv. fast-csv on every line took 101 s for 10 M rows (two passes); this, 8 s.
 */
export const linkSamplesOfFile =
  (path: string): LinkSamples =>
  async (visit) => {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    let index: number[] | undefined; // of variant, kind, name, time_s, throughput_bps, queue_delay_ms
    for await (const line of lines) {
      if (line === '') continue;
      const cells = line.includes('"') ? await parseLine(line) : line.split(',');
      if (index === undefined) {
        index = COLUMNS.map((name) => cells.indexOf(name));
        const missing = COLUMNS.filter((_, i) => index![i]! < 0);
        if (missing.length > 0) throw new Error(`${path}: no column ${missing.join(', ')}`);
        continue;
      }
      const [variant, kind, name, time, throughput, queueDelay] = index;
      if (cells[kind!] === 'link') visit(cells[variant!] ?? '', cells[name!] ?? '', cell(cells[time!]), cell(cells[throughput!]), cell(cells[queueDelay!]));
    }
  };

const COLUMNS = ['variant', 'kind', 'name', 'time_s', 'throughput_bps', 'queue_delay_ms'];
const cell = (text: string | undefined): number => (text === undefined || text === '' ? NaN : Number(text));

function parseLine(line: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let cells: string[] = [];
    parseString(line, { headers: false })
      .on('data', (row: string[]) => (cells = row))
      .on('error', reject)
      .on('end', () => resolve(cells));
  });
}
