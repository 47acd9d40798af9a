import type { EventHandler } from '../../core/event-list.js';
import type { Simulator } from '../../core/simulator.js';
import type { Sampler } from '../../core/distribution.js';
import type { Link } from '../link.js';
import type { Network } from '../network.js';

/**
 * Alternating renewal process of a cable: up for a time drawn from `up` (time between failures),
 * then down for a time drawn from `down` (time to repair), again and again. Long-run availability
 * is E[up] / (E[up] + E[down]) whatever the distributions.
 */
export class OutageProcess implements EventHandler {
  private isUp = true;

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly links: readonly Link[],
    private readonly up: Sampler,
    private readonly down: Sampler,
  ) {}

  begin(): void {
    this.sim.at(Math.round(this.up.next()), this, 0);
  }

  onEvent(): void {
    this.isUp = !this.isUp;
    if (this.isUp) this.network.repair(this.links);
    else this.network.fail(this.links);
    const next = Math.max(1, Math.round((this.isUp ? this.up : this.down).next()));
    this.sim.after(next, this, 0);
  }
}
