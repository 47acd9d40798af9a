/** Precision bits: buckets are at most 2^(1-P) = 1/512 of their value wide (about 3 significant digits). */
const P = 10;
const LINEAR = 1 << P;
/** Buckets per octave above the linear range. */
export const HALF = 1 << (P - 1);

/** Bucket index of a non-negative integer value (HDR-style log-linear layout). */
export function bucketOf(value: number): number {
  if (value < LINEAR) return value;
  let e: number;
  if (value < 0x80000000) e = 31 - Math.clz32(value);
  else {
    e = Math.floor(Math.log2(value));
    if (2 ** e > value) e--;
    else if (2 ** (e + 1) <= value) e++;
  }
  const shift = e - P + 1;
  const mantissa = value < 0x80000000 ? value >> shift : Math.floor(value / 2 ** shift);
  return shift * HALF + mantissa;
}

/** Lowest and highest value that fall in bucket `index`. */
export function bucketRange(index: number): [number, number] {
  if (index < LINEAR) return [index, index];
  const shift = Math.floor(index / HALF) - 1;
  const mantissa = index - shift * HALF;
  const low = mantissa * 2 ** shift;
  return [low, low + 2 ** shift - 1];
}

/**
 * The window of buckets that replaces [base, base + length) when bucket `index` falls outside it:
 * covering both, at least twice as long (or half an octave longer), so that widening is rare.
 */
export function widenedWindow(base: number, length: number, index: number): [base: number, length: number] {
  const low = Math.min(base, index);
  const high = Math.max(base + length, index + 1);
  const wider = Math.max(high - low, Math.min(2 * length, high - low + HALF));
  return [index < base ? Math.max(0, high - wider) : low, wider];
}

/**
 * A fixed-precision histogram of non-negative integers: counts in a typed array covering only the
 * buckets between the smallest and largest value seen, so a flow whose delays span two octaves
 * needs about a thousand counters, whatever the number of samples.
 */
export class LogLinearHistogram {
  private counts: Float64Array = new Float64Array(0);
  private base = 0;
  total = 0;
  min = Infinity;
  max = -Infinity;

  record(value: number): void {
    this.recordRepeated(value, 1);
  }

  /** Record `value` `times` times (a whole number of them). */
  recordRepeated(value: number, times: number): void {
    const index = bucketOf(value);
    let slot = index - this.base;
    if (slot < 0 || slot >= this.counts.length) slot = this.widen(index);
    this.counts[slot]! += times;
    this.total += times;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Add every sample of `other` (same layout) to this histogram. */
  merge(other: LogLinearHistogram): void {
    const counts = other.counts;
    for (let i = 0; i < counts.length; i++) {
      const n = counts[i]!;
      if (n === 0) continue;
      const index = other.base + i;
      let slot = index - this.base;
      if (slot < 0 || slot >= this.counts.length) slot = this.widen(index);
      this.counts[slot]! += n;
    }
    this.total += other.total;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** The value below or at which `percent` % of the samples lie (bucket upper bound, clamped to the range seen). */
  percentile(percent: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.total));
    let seen = 0;
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen >= rank) {
        const high = bucketRange(this.base + i)[1];
        return Math.min(this.max, Math.max(this.min, high));
      }
    }
    return this.max;
  }

  /** Forget every sample. */
  clear(): void {
    this.counts = new Float64Array(0);
    this.base = 0;
    this.total = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Take `counts` (bucket `base` first) as this histogram's samples, with the exact extremes seen. */
  load(base: number, counts: Float64Array, total: number, min: number, max: number): void {
    this.base = base;
    this.counts = counts;
    this.total = total;
    this.min = min;
    this.max = max;
  }

  private widen(index: number): number {
    if (this.counts.length === 0) {
      this.base = index;
      this.counts = new Float64Array(64);
      return 0;
    }
    const [newBase, length] = widenedWindow(this.base, this.counts.length, index);
    const counts = new Float64Array(length);
    counts.set(this.counts, this.base - newBase);
    this.counts = counts;
    this.base = newBase;
    return index - newBase;
  }
}
