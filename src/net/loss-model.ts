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
