import type { Nanos } from '../core/time.js';
import type { Partition } from './partition.js';

/** The earliest thing any of `parts` has to do (see Windows.advance), and forget what they sent. */
export function nextActivity(parts: readonly Partition[]): Nanos {
  let next = Infinity;
  for (const p of parts) {
    next = Math.min(next, p.nextActivity());
    p.earliestSent = Infinity;
  }
  return next;
}
