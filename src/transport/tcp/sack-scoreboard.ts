/**
 * The sender's record of SACKed byte ranges above the cumulative ACK (RFC 6675's scoreboard):
 * sorted, disjoint [start, end) pairs in one flat array.
 */
export class SackScoreboard {
  private readonly ranges: number[] = [];

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  get highest(): number {
    return this.ranges.length === 0 ? -1 : this.ranges[this.ranges.length - 1]!;
  }

  add(start: number, end: number): void {
    const r = this.ranges;
    let i = 0;
    while (i < r.length && r[i + 1]! < start) i += 2;
    let j = i;
    while (j < r.length && r[j]! <= end) {
      if (r[j]! < start) start = r[j]!;
      if (r[j + 1]! > end) end = r[j + 1]!;
      j += 2;
    }
    r.splice(i, j - i, start, end);
  }

  /** Forget everything below the cumulative ACK. */
  trimBelow(una: number): void {
    const r = this.ranges;
    let k = 0;
    while (k < r.length && r[k + 1]! <= una) k += 2;
    if (k > 0) r.splice(0, k);
    if (r.length > 0 && r[0]! < una) r[0] = una;
  }

  clear(): void {
    this.ranges.length = 0;
  }

  isSacked(seq: number): boolean {
    const r = this.ranges;
    for (let i = 0; i < r.length && r[i]! <= seq; i += 2) if (seq < r[i + 1]!) return true;
    return false;
  }

  /** SACKed bytes inside [from, to). */
  sackedIn(from: number, to: number): number {
    let total = 0;
    const r = this.ranges;
    for (let i = 0; i < r.length && r[i]! < to; i += 2) {
      const s = r[i]! > from ? r[i]! : from;
      const e = r[i + 1]! < to ? r[i + 1]! : to;
      if (e > s) total += e - s;
    }
    return total;
  }

  /** The first byte at or after `from` that is not SACKed. */
  nextUnsacked(from: number): number {
    const r = this.ranges;
    for (let i = 0; i < r.length && r[i]! <= from; i += 2) if (from < r[i + 1]!) from = r[i + 1]!;
    return from;
  }

  /** Start of the first SACKed range beyond `seq`, or Infinity. */
  nextSackedAfter(seq: number): number {
    const r = this.ranges;
    for (let i = 0; i < r.length; i += 2) if (r[i]! > seq) return r[i]!;
    return Infinity;
  }

  /**
   * RFC 6675 IsLost: a byte not SACKed is lost once more than `threshold` bytes above it are
   * SACKed. Returns the bound below which that holds for every un-SACKed byte (-1: for none).
   */
  lossBound(threshold: number): number {
    const r = this.ranges;
    let above = 0;
    for (let i = r.length - 2; i >= 0; i -= 2) {
      above += r[i + 1]! - r[i]!;
      if (above > threshold) return r[i]!;
    }
    return -1;
  }
}
