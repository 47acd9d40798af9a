import { DelayStats } from './delay-stats.js';
import { DropCounters } from './drop-counters.js';

const TX_PACKETS = 0;
const TX_BYTES = 1;
const BUSY_NS = 2;
/** Packets that went on the wire the moment they came, not yet counted in `queueDelay`. */
const ZERO_WAITS = 3;

/**
 * What one direction of a link did during the measured interval.
 *
 * Its counters are numbers in one typed array, not fields: V8 keeps a field holding more than a
 * small integer (a byte count, nanoseconds) in a box of its own, one more object to load for every
 * packet sent. And most packets of a large network go on the wire without waiting: such a packet is
 * only counted, and the count goes into `queueDelay` when the link is finished, so that a
 * transmission touches the histogram's objects only for a packet that waited (docs/performance.md).
 */
export class LinkStats {
  readonly counters = new Float64Array(4);
  readonly queueDelay = new DelayStats();
  readonly drops: DropCounters;

  constructor(
    dropReasons: number,
    readonly classes: number,
  ) {
    this.drops = new DropCounters(dropReasons, classes);
  }

  get txPackets(): number {
    return this.counters[TX_PACKETS]!;
  }

  get txBytes(): number {
    return this.counters[TX_BYTES]!;
  }

  /** Nanoseconds the serializer was busy inside the measured interval. */
  get busyNs(): number {
    return this.counters[BUSY_NS]!;
  }

  /** A packet of `size` bytes went on the wire, `wait` ns after it reached the link, for `busy` ns. */
  transmitted(size: number, wait: number, busy: number): void {
    const c = this.counters;
    c[TX_PACKETS]!++;
    c[TX_BYTES]! += size;
    c[BUSY_NS]! += busy;
    if (wait === 0) c[ZERO_WAITS]!++;
    else this.queueDelay.record(wait);
  }

  /** Add (or, negative, take back) busy time inside the measured interval. */
  addBusy(ns: number): void {
    this.counters[BUSY_NS]! += ns;
  }

  /** Put the packets that did not wait into `queueDelay` (before anything reads it). */
  settle(): void {
    const zeros = this.counters[ZERO_WAITS]!;
    if (zeros === 0) return;
    this.queueDelay.recordRepeated(0, zeros);
    this.counters[ZERO_WAITS] = 0;
  }
}
