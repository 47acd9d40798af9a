import type { RandomStream } from '../core/random.js';

/** Draws the size in bytes of each packet a source sends. */
export interface PacketSizeModel {
  readonly mean: number;
  next(): number;
}

export class FixedSize implements PacketSizeModel {
  constructor(readonly mean: number) {}

  next(): number {
    return this.mean;
  }
}

/**
 * Exponentially distributed sizes, rounded to whole bytes, at least `min`, at most `max` (the path
 * MTU): with max far above the mean the truncation is negligible (it removes e^(-max/mean)).
 */
export class ExponentialSize implements PacketSizeModel {
  constructor(
    readonly mean: number,
    private readonly random: RandomStream,
    private readonly min = 1,
    private readonly max = Infinity,
  ) {}

  next(): number {
    const size = Math.round(this.random.exponential(this.mean));
    return size < this.min ? this.min : size > this.max ? this.max : size;
  }
}
