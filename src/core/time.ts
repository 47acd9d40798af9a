/**
 * Simulated time is an integer number of nanoseconds held in a JS number.
 * Integers are exact up to 2^53 ns, about 104 days of simulated time.
 */
export type Nanos = number;

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

export const seconds = (s: number): Nanos => Math.round(s * NS_PER_S);
export const millis = (ms: number): Nanos => Math.round(ms * NS_PER_MS);

/** Time to put `bytes` on a wire of `bitsPerSecond`, rounded to the nanosecond. */
export const transmissionTime = (bytes: number, bitsPerSecond: number): Nanos =>
  Math.round((bytes * 8 * NS_PER_S) / bitsPerSecond);
