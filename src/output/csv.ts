import { writeToString } from 'fast-csv';
import type { Row } from '../stats/records.js';

/** Numbers as the shortest text that keeps ten significant digits; NaN as an empty cell. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/**
 * Text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, as OWASP recommends for CSV: names and values from a scenario
 * or an option (`--param description==1+1`) stay text. Numbers are written as numbers.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV document with one header row; every row must have the header's columns. */
export async function toCsv(rows: readonly Row[], columns?: readonly string[]): Promise<string> {
  const header = (columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : [])).map(String);
  const body = rows.map((row) => header.map((c) => {
    const v = row[c];
    if (v === undefined) throw new Error(`row without column '${c}'`);
    return typeof v === 'number' ? formatNumber(v) : safeText(v);
  }));
  return (await writeToString([header.map(safeText), ...body], { headers: false })) + '\n';
}
