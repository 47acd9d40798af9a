import { endianness } from 'node:os';
import type { ReplicationResult } from '../runner/run-replication.js';
import { TIME_SERIES_VALUES, type TimeSeries } from '../stats/time-series.js';

/**
 * A task's result as bytes and back, exactly. The rows travel as JSON (NaN and infinities as
 * markers: JSON would turn them into null and the CSV files would then differ); a time series'
 * values travel as their raw doubles after the JSON, so a result of ten million samples is written
 * and read without ever being text. Layout: the JSON (with `values` replaced by its length and the
 * byte order), padded with spaces so that the doubles start on a multiple of 8 bytes counted from
 * `offset` (where the caller puts the payload in its file), a newline, the doubles.
 * Used by the task cache (as bytes) and the queue (as base64 text).
 */
export function encodeResult(result: ReplicationResult, offset = 0): Buffer[] {
  const series = result.timeSeries;
  const head = { ...result, timeSeries: series === null ? null : { ...series, values: { doubles: series.values.length, order: endianness() } } };
  let json = JSON.stringify(head, keepSpecial);
  const misalignment = (offset + Buffer.byteLength(json) + 1) % 8;
  if (misalignment !== 0) json += ' '.repeat(8 - misalignment);
  const parts: Buffer[] = [Buffer.from(`${json}\n`)];
  if (series !== null) parts.push(Buffer.from(series.values.buffer, series.values.byteOffset, series.values.byteLength));
  return parts;
}

/** The result encoded in `bytes` (see encodeResult); throws on anything that is not one. */
export function decodeResult(bytes: Buffer): ReplicationResult {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new Error('no end of the JSON part');
  const head = JSON.parse(bytes.toString('utf8', 0, newline), reviveSpecial) as ReplicationResult & { timeSeries: unknown };
  if (typeof head !== 'object' || head === null) throw new Error('not a result');
  const start = newline + 1;
  if (head.timeSeries === null || head.timeSeries === undefined) {
    if (start !== bytes.length) throw new Error('bytes after the JSON part');
    return { ...head, timeSeries: null };
  }
  const series = head.timeSeries as unknown as Omit<TimeSeries, 'values'> & { values: { doubles: unknown; order: unknown } };
  const { doubles, order } = series.values ?? {};
  if (order !== endianness()) throw new Error(`time series written in another byte order (${String(order)})`);
  if (!Number.isSafeInteger(doubles) || bytes.length - start !== (doubles as number) * 8) throw new Error('time series of the wrong length');
  if (!Array.isArray(series.names) || !series.names.every((n) => typeof n === 'string')) throw new Error('time series without names');
  if (!Number.isSafeInteger(series.samples) || series.samples * series.names.length * TIME_SERIES_VALUES.length !== doubles) {
    throw new Error('time series whose samples do not match its values');
  }
  // the doubles are used in place when aligned (the file's buffer), else copied once
  const absolute = bytes.byteOffset + start;
  const values =
    absolute % 8 === 0
      ? new Float64Array(bytes.buffer, absolute, doubles as number)
      : new Float64Array(new Uint8Array(bytes.subarray(start)).buffer);
  return { ...head, timeSeries: { ...series, values } };
}

/** The same as base64 text (a queue's job result is a string). */
export const encodeResultText = (result: ReplicationResult): string => Buffer.concat(encodeResult(result)).toString('base64');
export const decodeResultText = (text: string): ReplicationResult => decodeResult(Buffer.from(text, 'base64'));

const MARKERS = new Map<string, number>([
  ['__NaN__', NaN],
  ['__Infinity__', Infinity],
  ['__-Infinity__', -Infinity],
]);

/** JSON.stringify's replacer that keeps NaN and the infinities (JSON would write null). */
export function keepSpecial(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? '__NaN__' : value > 0 ? '__Infinity__' : '__-Infinity__';
}

/** JSON.parse's reviver for `keepSpecial`. */
export function reviveSpecial(_key: string, value: unknown): unknown {
  return typeof value === 'string' && MARKERS.has(value) ? MARKERS.get(value) : value;
}
