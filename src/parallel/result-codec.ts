import type { ReplicationResult } from '../runner/run-replication.js';

/**
 * A task's result as text and back, exactly: JSON would turn NaN and infinities into null (and the
 * CSV files would then differ), so they travel as markers. Used by the task cache and the queue.
 */
export function encodeResult(result: ReplicationResult): string {
  return JSON.stringify(result, keepSpecial);
}

export function decodeResult(text: string): ReplicationResult {
  return JSON.parse(text, reviveSpecial) as ReplicationResult;
}

const MARKERS = new Map<string, number>([
  ['__NaN__', NaN],
  ['__Infinity__', Infinity],
  ['__-Infinity__', -Infinity],
]);

function keepSpecial(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? '__NaN__' : value > 0 ? '__Infinity__' : '__-Infinity__';
}

function reviveSpecial(_key: string, value: unknown): unknown {
  return typeof value === 'string' && MARKERS.has(value) ? MARKERS.get(value) : value;
}
