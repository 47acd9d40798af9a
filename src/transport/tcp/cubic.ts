import type { Clock, Nanos } from '../../core/time.js';
import { NS_PER_S } from '../../core/time.js';
import { slowStart, type CongestionControl, type WindowState } from './congestion-control.js';
import { HyStart } from './hystart.js';

const C = 0.4;
const BETA = 0.7;
/** Additive increase per RTT of the Reno-friendly estimate that gives Reno's average rate. */
const ALPHA = (3 * (1 - BETA)) / (1 + BETA);
/** RTT assumed before the first sample. */
const DEFAULT_RTT_S = 0.1;

/**
 * CUBIC (RFC 9438): after a reduction the window follows W(t) = C (t - K)^3 + W_max, in segments
 * and seconds, K = cbrt((W_max - cwnd_epoch) / C); where Reno would be faster (the Reno-friendly
 * region) it follows Reno's estimate W_est instead. Fast convergence is on. Slow start ends early
 * by HyStart unless it is off (src/transport/tcp/hystart.ts). A retransmission timeout forgets
 * W_max, as Linux (bictcp_reset in the Loss state) and ns-3 (CubicReset) do.
 */
export class CubicControl implements CongestionControl {
  private wMax = 0;
  private k = 0;
  private epochStart = NaN;
  private wEst = 0;
  private readonly hystart: HyStart | null;

  constructor(
    private readonly clock: Clock,
    hystart = true,
  ) {
    this.hystart = hystart ? new HyStart(clock) : null;
  }

  onRttSample(w: WindowState, rtt: Nanos, sndUna: number, sndNxt: number): void {
    // Linux takes no delay samples in the first second of an epoch (just after a recovery)
    if (this.hystart === null || this.clock.now - this.epochStart < NS_PER_S) return;
    this.hystart.onAck(w, rtt, sndUna, sndNxt);
  }

  onAck(w: WindowState, ackedBytes: number): void {
    if (w.cwnd < w.ssthresh) {
      slowStart(w, ackedBytes);
      return;
    }
    const now = this.clock.now;
    const mss = w.mss;
    const cwnd = w.cwnd / mss;
    if (Number.isNaN(this.epochStart)) {
      this.epochStart = now;
      if (cwnd < this.wMax) this.k = Math.cbrt((this.wMax - cwnd) / C);
      else {
        this.k = 0;
        this.wMax = cwnd;
      }
      this.wEst = cwnd;
    }
    const srtt = w.srtt;
    const rtt = Number.isNaN(srtt) ? DEFAULT_RTT_S : srtt / NS_PER_S;
    const t = (now - this.epochStart) / NS_PER_S;
    const acked = ackedBytes / mss;
    this.wEst += (ALPHA * acked) / cwnd;
    const cubicNow = C * (t - this.k) ** 3 + this.wMax;
    if (cubicNow < this.wEst) {
      if (this.wEst > cwnd) w.cwnd = this.wEst * mss;
      return;
    }
    let target = C * (t + rtt - this.k) ** 3 + this.wMax;
    if (target < cwnd) target = cwnd;
    else if (target > 1.5 * cwnd) target = 1.5 * cwnd;
    w.cwnd += ((target - cwnd) / cwnd) * acked * mss;
  }

  onFastRetransmit(w: WindowState): number {
    return this.reduce(w);
  }

  onTimeout(w: WindowState, _flight: number, sndNxt: number): number {
    const ssthresh = this.reduce(w);
    this.wMax = 0;
    this.hystart?.restart(sndNxt);
    return ssthresh;
  }

  private reduce(w: WindowState): number {
    const cwnd = w.cwnd / w.mss;
    this.wMax = cwnd < this.wMax ? (cwnd * (1 + BETA)) / 2 : cwnd; // fast convergence
    this.epochStart = NaN;
    return Math.max(w.cwnd * BETA, 2 * w.mss);
  }
}
