import { DelayStats } from './delay-stats.js';
import { DropCounters } from './drop-counters.js';

const TX_PACKETS = 0;
const TX_BYTES = 1;
const BUSY_NS = 2;
/** Packets that went on the wire the moment they came, not yet counted in `queueDelay`. */
const ZERO_WAITS = 3;
/** How many of `waits` are not yet counted in `queueDelay`. */
const PENDING = 4;
/** Waits kept before they go into `queueDelay` together, in the order they came. */
const BATCH = 32;

/**
 * What one direction of a link did during the measured interval.
 *
 * Its counters are numbers in one typed array, not fields: V8 keeps a field holding more than a
 * small integer (a byte count, nanoseconds) in a box of its own, one more object to load for every
 * packet sent. And most packets of a large network go on the wire without waiting: such a packet is
 * only counted, and the count goes into `queueDelay` when the link is finished. A packet that waited
 * has its wait kept, and every BATCH of them goes into the histogram in one loop: each lands in a
 * bucket of its own, a random line of a large array, and the processor overlaps the fetches of a
 * batch's lines where the packet path would wait for each in turn (docs/performance.md).
 */
export class LinkStats {
  readonly counters = new Float64Array(5);
  private readonly waits = new Float64Array(BATCH);
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
    else {
      const k = c[PENDING]!;
      this.waits[k] = wait;
      c[PENDING] = k + 1;
      if (k + 1 === BATCH) this.flush();
    }
  }

  private flush(): void {
    const n = this.counters[PENDING]!;
    this.counters[PENDING] = 0;
    for (let k = 0; k < n; k++) this.queueDelay.record(this.waits[k]!);
  }

  /** Add (or, negative, take back) busy time inside the measured interval. */
  addBusy(ns: number): void {
    this.counters[BUSY_NS]! += ns;
  }

  /** Put the waits kept and the packets that did not wait into `queueDelay` (before anything reads it). */
  settle(): void {
    this.flush();
    const zeros = this.counters[ZERO_WAITS]!;
    if (zeros === 0) return;
    this.queueDelay.recordRepeated(0, zeros);
    this.counters[ZERO_WAITS] = 0;
  }
}
