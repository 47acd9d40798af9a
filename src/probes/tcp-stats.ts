import type { Nanos } from '../core/time.js';
import { DelayStats } from './delay-stats.js';
import { TimeAverage } from './time-average.js';

/** What a TCP flow adds to the per-flow statistics (counted after the warm-up). */
export class TcpStats {
  /** Payload bytes delivered in order to the receiving application. */
  goodputBytes = 0;
  retransmits = 0;
  timeouts = 0;
  /** The RTO in force at each timeout, to check the exponential backoff. */
  readonly timeoutRtos: Nanos[] = [];
  readonly rtt = new DelayStats();
  /** Congestion window, bytes, over time: the sum of the windows of the flow's connections. */
  readonly cwnd: TimeAverage;
  /** Completion times of sized transfers or of each request/response exchange. */
  readonly completion = new DelayStats();
  /** When the first slow start ended (first loss, or cwnd reached ssthresh or the receive window). */
  slowStartEnd: Nanos = NaN;

  constructor(warmup: Nanos) {
    this.cwnd = new TimeAverage(warmup);
  }
}
