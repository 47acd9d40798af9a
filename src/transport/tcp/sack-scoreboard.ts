/** Numbers in `ranges` (two a pair) up to which a scan answers sooner than the searches and totals. */
const SCAN_MAX = 16;

/**
 * The sender's record of SACKed byte ranges above the cumulative ACK (RFC 6675's scoreboard):
 * sorted, disjoint [start, end) pairs in one flat array, never touching (`add` merges them).
 *
 * Beyond a few pairs, every query is a binary search over the pairs and a running total of the
 * bytes SACKed before each pair. A long recovery on a path with a large window holds hundreds of
 * holes, and the sender asks several questions on every ACK (bytes SACKed above the loss bound,
 * below the highest retransmission, the first hole): scanning the pairs each time made a
 * recovery's cost grow with the square of its window (docs/performance.md). With few pairs, the
 * usual case, a scan is quicker than the searches.
 */
export class SackScoreboard {
  private readonly ranges: number[] = [];
  /**
   * before[k] - before[0]: the bytes SACKed in the pairs before pair k (k up to the number of
   * pairs), valid for k up to `settled`; entries past it are stale, and kept (the array is not cut
   * at its end when pairs merge: V8 would trim its store and grow it again). Trimming the front
   * shifts before[0] instead of them all.
   */
  private readonly before: number[] = [0];
  private settled = 0;

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  get highest(): number {
    return this.ranges.length === 0 ? -1 : this.ranges[this.ranges.length - 1]!;
  }

  add(start: number, end: number): void {
    const r = this.ranges;
    // the first pair that ends at or after `start` (a pair ending at it touches, and merges)
    const i = this.firstPair(start, 1, true);
    let j = i;
    while (2 * j < r.length && r[2 * j]! <= end) {
      if (r[2 * j]! < start) start = r[2 * j]!;
      if (r[2 * j + 1]! > end) end = r[2 * j + 1]!;
      j++;
    }
    if (j === i + 1 && r[2 * i] === start && r[2 * i + 1] === end) return; // already SACKed
    r.splice(2 * i, 2 * (j - i), start, end);
    this.unsettle(i);
  }

  /** Forget everything below the cumulative ACK. */
  trimBelow(una: number): void {
    const r = this.ranges;
    const k = this.firstPair(una, 1, false);
    if (k > 0) {
      r.splice(0, 2 * k);
      if (this.settled >= k) {
        this.before.splice(0, k);
        this.settled -= k;
      } else {
        this.before[0] = 0;
        this.settled = 0;
      }
    }
    if (r.length > 0 && r[0]! < una) {
      // the first pair loses una - start bytes: every later pair has that many fewer before it
      this.before[0]! += una - r[0]!;
      r[0] = una;
    }
  }

  clear(): void {
    this.ranges.length = 0;
    this.before[0] = 0;
    this.settled = 0;
  }

  isSacked(seq: number): boolean {
    const r = this.ranges;
    if (r.length <= SCAN_MAX) {
      for (let i = 0; i < r.length && r[i]! <= seq; i += 2) if (seq < r[i + 1]!) return true;
      return false;
    }
    const k = this.firstPair(seq, 0, false) - 1;
    return k >= 0 && seq < r[2 * k + 1]!;
  }

  /** SACKed bytes inside [from, to). */
  sackedIn(from: number, to: number): number {
    const r = this.ranges;
    if (r.length <= SCAN_MAX) {
      let total = 0;
      for (let i = 0; i < r.length && r[i]! < to; i += 2) {
        const s = r[i]! > from ? r[i]! : from;
        const e = r[i + 1]! < to ? r[i + 1]! : to;
        if (e > s) total += e - s;
      }
      return total;
    }
    return to > from ? this.sackedBelow(to) - this.sackedBelow(from) : 0;
  }

  /** The first byte at or after `from` that is not SACKed. */
  nextUnsacked(from: number): number {
    const r = this.ranges;
    if (r.length <= SCAN_MAX) {
      for (let i = 0; i < r.length && r[i]! <= from; i += 2) if (from < r[i + 1]!) from = r[i + 1]!;
      return from;
    }
    const k = this.firstPair(from, 0, false) - 1;
    return k >= 0 && from < r[2 * k + 1]! ? r[2 * k + 1]! : from;
  }

  /** Start of the first SACKed range beyond `seq`, or Infinity. */
  nextSackedAfter(seq: number): number {
    const r = this.ranges;
    if (r.length <= SCAN_MAX) {
      for (let i = 0; i < r.length; i += 2) if (r[i]! > seq) return r[i]!;
      return Infinity;
    }
    const k = this.firstPair(seq, 0, false);
    return 2 * k < r.length ? r[2 * k]! : Infinity;
  }

  /**
   * RFC 6675 IsLost: a byte not SACKed is lost once more than `threshold` bytes above it are
   * SACKed. Returns the bound below which that holds for every un-SACKed byte (-1: for none): the
   * start of the highest pair with more than `threshold` bytes SACKed from it up.
   */
  lossBound(threshold: number): number {
    const r = this.ranges;
    if (r.length <= SCAN_MAX) {
      let above = 0;
      for (let i = r.length - 2; i >= 0; i -= 2) {
        above += r[i + 1]! - r[i]!;
        if (above > threshold) return r[i]!;
      }
      return -1;
    }
    const pairs = r.length >> 1;
    this.settle();
    const b = this.before;
    const total = b[pairs]!;
    if (total - b[0]! <= threshold) return -1;
    // the SACKed bytes from pair k up, total - before[k], fall as k grows: the last k above threshold
    let lo = 0;
    let hi = pairs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (total - b[mid]! > threshold) lo = mid;
      else hi = mid - 1;
    }
    return r[2 * lo]!;
  }

  /** SACKed bytes below `x`. */
  private sackedBelow(x: number): number {
    const k = this.firstPair(x, 0, true) - 1;
    if (k < 0) return 0;
    this.settle();
    const r = this.ranges;
    const end = r[2 * k + 1]!;
    return this.before[k]! - this.before[0]! + (x < end ? x : end) - r[2 * k]!;
  }

  /** Pairs from `k` on have changed: their running totals are computed again when next needed. */
  private unsettle(k: number): void {
    if (k < this.settled) this.settled = k;
  }

  private settle(): void {
    const r = this.ranges;
    const b = this.before;
    const pairs = r.length >> 1;
    for (let k = this.settled; k < pairs; k++) b[k + 1] = b[k]! + r[2 * k + 1]! - r[2 * k]!;
    this.settled = pairs;
  }

  /**
   * The first pair whose start (`side` 0) or end (`side` 1) is above `x`, or at it when `orAt`
   * (the number of pairs: none is).
   */
  private firstPair(x: number, side: 0 | 1, orAt: boolean): number {
    const r = this.ranges;
    let lo = 0;
    let hi = r.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = r[2 * mid + side]!;
      if (v > x || (orAt && v === x)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
