import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { Link } from './link.js';

/** Takes a link down and up again at fixed times (scheduled outages). */
export class LinkSchedule implements EventHandler {
  private readonly changes: { at: Nanos; up: boolean }[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly link: Link,
  ) {}

  outage(at: Nanos, duration: Nanos): void {
    this.changes.push({ at, up: false }, { at: at + duration, up: true });
  }

  begin(): void {
    this.changes.forEach((change, i) => this.sim.at(change.at, this, i));
  }

  onEvent(index: number): void {
    this.link.setUp(this.changes[index]!.up);
  }
}
