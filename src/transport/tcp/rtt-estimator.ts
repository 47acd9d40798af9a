import type { Nanos } from '../../core/time.js';

/** RFC 6298 retransmission timer: SRTT, RTTVAR, RTO with a floor, a ceiling and backoff. */
export class RttEstimator {
  srtt: Nanos = NaN;
  rttvar: Nanos = NaN;
  /** Current RTO including any backoff. */
  rto: Nanos;

  constructor(
    initialRto: Nanos,
    private readonly minRto: Nanos,
    private readonly maxRto: Nanos,
  ) {
    this.rto = initialRto;
  }

  /** A valid sample (Karn: never from a retransmitted segment); clears any backoff. */
  sample(rtt: Nanos): void {
    if (Number.isNaN(this.srtt)) {
      this.srtt = rtt;
      this.rttvar = rtt / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rtt);
      this.srtt = 0.875 * this.srtt + 0.125 * rtt;
    }
    this.rto = this.clamp(this.srtt + Math.max(1_000_000, 4 * this.rttvar)); // G = 1 ms clock granularity
  }

  /** Exponential backoff after a timeout. */
  backOff(): void {
    this.rto = this.clamp(this.rto * 2);
  }

  private clamp(rto: Nanos): Nanos {
    return Math.round(Math.min(this.maxRto, Math.max(this.minRto, rto)));
  }
}
