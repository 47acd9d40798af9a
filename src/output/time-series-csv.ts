import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { NS_PER_S } from '../core/time.js';
import { TIME_SERIES_COLUMNS, TIME_SERIES_VALUES, type TimeSeries } from '../stats/time-series.js';
import { csvCell, formatNumber, safeText } from './csv.js';

/** Rows per write: a few hundred kilobytes of text at a time. */
const ROWS_PER_CHUNK = 4096;

/**
 * Write time series as timeseries.csv, streamed: one chunk of rows at a time, waiting for the disk
 * when it lags, so memory stays that of the columnar values whatever the number of rows. The text
 * cells (variant, kind, name) are quoted once per series and entity (csvCell); the numbers are
 * formatted as in every other file (formatNumber). Row order: series, then sample, then entity.
 * fast-csv formats every row at about 3 us, this at about 0.8 us (measured on 1 M rows of ten
 * cells), which is 20 s saved on 10 M rows.
 */
export async function writeTimeSeriesCsv(path: string, series: readonly TimeSeries[], signal?: AbortSignal): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    signal?.throwIfAborted();
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    await write(`${csvLine(TIME_SERIES_COLUMNS.map(safeText))}\n`);
    for (const s of series) {
      const entities = s.names.length;
      const variant = csvCell(safeText(s.variant));
      const entityCells = s.names.map((name, e) => csvLine([e < s.flows ? 'flow' : 'link', safeText(name)]));
      const lines: string[] = [];
      let at = 0;
      const v = s.values;
      for (let k = 0; k < s.samples; k++) {
        const head = `${variant},${s.replication},${formatNumber((s.first + k * s.interval) / NS_PER_S)},`;
        for (let e = 0; e < entities; e++, at += TIME_SERIES_VALUES.length) {
          lines.push(`${head}${entityCells[e]},${formatNumber(v[at]!)},${formatNumber(v[at + 1]!)},${formatNumber(v[at + 2]!)},${formatNumber(v[at + 3]!)},${formatNumber(v[at + 4]!)}`);
          if (lines.length === ROWS_PER_CHUNK) {
            await write(`${lines.join('\n')}\n`);
            lines.length = 0;
          }
        }
      }
      if (lines.length > 0) await write(`${lines.join('\n')}\n`);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } finally {
    out.destroy();
  }
}

/** One CSV line of text cells, quoted where they need it. */
const csvLine = (cells: readonly string[]): string => cells.map(csvCell).join(',');
