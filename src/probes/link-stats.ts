import { DelayStats } from './delay-stats.js';
import { DropCounters } from './drop-counters.js';

/** What one direction of a link did during the measured interval. */
export class LinkStats {
  txPackets = 0;
  txBytes = 0;
  /** Nanoseconds the serializer was busy inside the measured interval. */
  busyNs = 0;
  readonly queueDelay = new DelayStats();
  readonly drops: DropCounters;

  constructor(
    dropReasons: number,
    readonly classes: number,
  ) {
    this.drops = new DropCounters(dropReasons, classes);
  }
}
