import { DROP_REASON_COUNT } from '../net/drop-reason.js';
import { DelayStats } from './delay-stats.js';

/** What one direction of a link did during the measured interval. */
export class LinkStats {
  txPackets = 0;
  txBytes = 0;
  /** Nanoseconds the serializer was busy inside the measured interval. */
  busyNs = 0;
  readonly queueDelay = new DelayStats();
  /** Dropped packets and bytes, indexed [reason * classes + class]. */
  readonly dropPackets: Float64Array;
  readonly dropBytes: Float64Array;

  constructor(readonly classes: number) {
    this.dropPackets = new Float64Array(DROP_REASON_COUNT * classes);
    this.dropBytes = new Float64Array(DROP_REASON_COUNT * classes);
  }

  dropsByReason(reason: number): number {
    let total = 0;
    for (let c = 0; c < this.classes; c++) total += this.dropPackets[reason * this.classes + c]!;
    return total;
  }
}
