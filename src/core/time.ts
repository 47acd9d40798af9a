/**
 * Simulated time is an integer number of nanoseconds held in a JS number.
 * Integers are exact up to 2^53 ns, about 104 days of simulated time.
 */
export type Nanos = number;

/**
 * What tells the time: the simulator. A component on the packet path reads `now` from it rather than
 * take the time as an argument, since V8 boxes a double above 2^31 (any time after 2.1 s) into a new
 * heap number at every call it does not inline (docs/performance.md).
 */
export interface Clock {
  readonly now: Nanos;
}

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

export const seconds = (s: number): Nanos => Math.round(s * NS_PER_S);
export const millis = (ms: number): Nanos => Math.round(ms * NS_PER_MS);

/** Time to put `bytes` on a wire of `bitsPerSecond`, rounded to the nanosecond. */
export const transmissionTime = (bytes: number, bitsPerSecond: number): Nanos =>
  Math.round((bytes * 8 * NS_PER_S) / bitsPerSecond);
