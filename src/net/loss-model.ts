import type { RandomStream } from '../core/random.js';

/** Decides, packet by packet, whether the wire loses it. */
export interface LossModel {
  lose(): boolean;
}

/** Independent losses with probability p. */
export class BernoulliLoss implements LossModel {
  constructor(
    private readonly p: number,
    private readonly random: RandomStream,
  ) {}

  lose(): boolean {
    return this.random.uniform() < this.p;
  }
}

/** Drops the packets with the given 1-based arrival numbers on the wire: deterministic experiments. */
export class DropListLoss implements LossModel {
  private count = 0;
  private readonly drops: Set<number>;

  constructor(packetNumbers: readonly number[]) {
    this.drops = new Set(packetNumbers);
  }

  lose(): boolean {
    return this.drops.has(++this.count);
  }
}
