import type { Clock, Nanos } from '../../core/time.js';
import type { WindowState } from './congestion-control.js';

/** Below this window (segments) slow start runs on unchecked (Linux's hystart_low_window). */
const LOW_WINDOW = 16;
/** ACKs at most this far apart belong to one train (hystart_ack_delta_us). */
const ACK_DELTA: Nanos = 2_000_000;
/** RTT samples of a round taken before its delay is judged (HYSTART_MIN_SAMPLES). */
const MIN_SAMPLES = 8;
/** The rise of delay that ends slow start: an eighth of the minimum RTT, within these bounds. */
const DELAY_THRESH_MIN: Nanos = 4_000_000;
const DELAY_THRESH_MAX: Nanos = 16_000_000;
/** Linux's allowance for a TSO burst in the train threshold: four 64 KB bursts at the pacing rate, at most 1 ms. */
const BURST_BYTES = 4 * 65_536;
const MAX_ACK_DELAY: Nanos = 1_000_000;

/**
 * Hybrid slow start (Ha and Rhee 2011) as Linux's CUBIC runs it (net/ipv4/tcp_cubic.c): slow start
 * ends (ssthresh = cwnd) before the first loss when either
 * - the ACKs of one round arrive in a train (each within 2 ms of the last) for longer than half the
 *   minimum RTT: the window has filled the path; or
 * - the least of the round's RTT samples, once it has eight, exceeds the minimum RTT by an eighth
 *   of it, at least 4 and at most 16 ms: a queue is building.
 * A round ends when the ACKs pass the highest byte sent at its start. Only from a window of 16
 * segments. Without pacing (ersim's senders do not pace) Linux halves the train threshold
 * (minimum RTT + the burst allowance); the allowance uses Linux's slow-start pacing rate, 2 cwnd / SRTT.
 */
export class HyStart {
  private delayMin = Infinity;
  private found = false;
  private roundStart: Nanos = 0;
  private lastAck: Nanos = 0;
  /** The round ends when snd.una passes this byte (highest sent when it began). */
  private endSeq = 0;
  private currRtt = Infinity;
  private samples = 0;

  constructor(private readonly clock: Clock) {}

  /**
   * An ACK of new data with an RTT sample, before the window grows for it; `sndUna` and `sndNxt`
   * after the ACK, before anything more is sent. Only in slow start (cwnd < ssthresh) does it act.
   */
  onAck(w: WindowState, rtt: Nanos, sndUna: number, sndNxt: number): void {
    if (rtt < this.delayMin) this.delayMin = rtt;
    if (this.found || w.cwnd >= w.ssthresh) return;
    const now = this.clock.now;
    if (sndUna > this.endSeq) this.newRound(sndNxt);
    if (w.cwnd < LOW_WINDOW * w.mss) return;
    if (now - this.lastAck <= ACK_DELTA) {
      this.lastAck = now;
      const srtt = w.srtt;
      const rate = Number.isNaN(srtt) ? 0 : (2 * w.cwnd) / srtt; // bytes per ns
      const burst = rate > 0 ? Math.min(MAX_ACK_DELAY, BURST_BYTES / rate) : 0;
      if (now - this.roundStart > (this.delayMin + burst) / 2) return this.exit(w);
    }
    if (rtt < this.currRtt) this.currRtt = rtt;
    if (this.samples < MIN_SAMPLES) this.samples++;
    else if (this.currRtt > this.delayMin + Math.min(DELAY_THRESH_MAX, Math.max(DELAY_THRESH_MIN, this.delayMin / 8))) this.exit(w);
  }

  /** After a retransmission timeout (Linux: the Loss state resets CUBIC): slow start is watched again from scratch. */
  restart(sndNxt: number): void {
    this.found = false;
    this.delayMin = Infinity;
    this.newRound(sndNxt);
  }

  /** Whether this connection's slow start was ended by HyStart (and not yet restarted by a timeout). */
  get exited(): boolean {
    return this.found;
  }

  private newRound(sndNxt: number): void {
    const now = this.clock.now;
    this.roundStart = now;
    this.lastAck = now;
    this.endSeq = sndNxt;
    this.currRtt = Infinity;
    this.samples = 0;
  }

  private exit(w: WindowState): void {
    this.found = true;
    w.ssthresh = w.cwnd;
  }
}
