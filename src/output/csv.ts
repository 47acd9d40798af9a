import { writeToString } from 'fast-csv';
import type { Row } from '../stats/records.js';

/** Numbers as the shortest text that keeps ten significant digits; NaN as an empty cell. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** A CSV document with one header row; every row must have the header's columns. */
export async function toCsv(rows: readonly Row[], columns?: readonly string[]): Promise<string> {
  const header = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  const body = rows.map((row) => header.map((c) => {
    const v = row[c];
    if (v === undefined) throw new Error(`row without column '${c}'`);
    return typeof v === 'number' ? formatNumber(v) : v;
  }));
  return (await writeToString([header as string[], ...body], { headers: false })) + '\n';
}
