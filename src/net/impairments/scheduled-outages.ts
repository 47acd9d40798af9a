import type { EventHandler } from '../../core/event-list.js';
import type { Simulator } from '../../core/simulator.js';
import type { Nanos } from '../../core/time.js';
import type { Link } from '../link.js';
import type { Network } from '../network.js';

/** Takes links (both directions of a cable) down and up again at fixed times (scheduled outages). */
export class ScheduledOutages implements EventHandler {
  private readonly changes: { at: Nanos; up: boolean }[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly links: readonly Link[],
  ) {}

  outage(at: Nanos, duration: Nanos): void {
    this.changes.push({ at, up: false }, { at: at + duration, up: true });
  }

  begin(): void {
    this.changes.forEach((change, i) => this.sim.at(change.at, this, i));
  }

  onEvent(index: number): void {
    if (this.changes[index]!.up) this.network.repair(this.links);
    else this.network.fail(this.links);
  }
}
