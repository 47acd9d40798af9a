import type { RandomStream } from '../../core/random.js';

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

/**
 * Gilbert-Elliott burst loss (netem's parameters): a two-state Markov chain stepped once per
 * packet, good -> bad with probability p, bad -> good with probability r, losing packets with
 * probability `lossGood` in the good state and `lossBad` in the bad one. Steady-state loss is
 * p/(p+r) lossBad + r/(p+r) lossGood; with lossBad = 1 and lossGood = 0, bursts last 1/r packets.
 */
export class GilbertElliottLoss implements LossModel {
  private bad = false;

  constructor(
    private readonly p: number,
    private readonly r: number,
    private readonly lossGood: number,
    private readonly lossBad: number,
    private readonly random: RandomStream,
  ) {}

  lose(): boolean {
    const random = this.random;
    this.bad = this.bad ? random.uniform() >= this.r : random.uniform() < this.p;
    const loss = this.bad ? this.lossBad : this.lossGood;
    return loss > 0 && (loss >= 1 || random.uniform() < loss);
  }
}
