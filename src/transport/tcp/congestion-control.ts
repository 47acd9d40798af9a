import type { Nanos } from '../../core/time.js';

/** The window state a congestion control algorithm updates (bytes), and the smoothed RTT (ns, NaN before a sample). */
export interface WindowState {
  cwnd: number;
  ssthresh: number;
  readonly mss: number;
  readonly srtt: Nanos;
}

/**
 * A congestion control algorithm. The sender handles loss detection and recovery (NewReno fast
 * recovery, RTO); the algorithm decides how the window grows and how far it backs off. One that
 * needs the time reads it from a clock it is given: a time, or a fractional RTT, passed as an
 * argument is boxed by V8 at every call it does not inline, here once per ACK (docs/architecture.md).
 */
export interface CongestionControl {
  /** New data acknowledged outside recovery. */
  onAck(w: WindowState, ackedBytes: number): void;
  /** Loss detected by duplicate ACKs: return the new ssthresh, given the bytes in flight. */
  onFastRetransmit(w: WindowState, flight: number): number;
  /**
   * Retransmission timeout: return the new ssthresh (the sender sets cwnd to one segment).
   * `sndNxt`: the highest byte sent, + 1.
   */
  onTimeout(w: WindowState, flight: number, sndNxt: number): number;
  /**
   * An ACK of new data outside loss recovery, before `onAck`: its RTT sample (from the timestamp it
   * echoes), and snd.una and snd.nxt once it is taken, before anything more is sent.
   */
  onRttSample?(w: WindowState, rtt: Nanos, sndUna: number, sndNxt: number): void;
}

/** Slow start (RFC 5681), counting at most one MSS per ACK as RFC 3465 with L = 1 does. */
export function slowStart(w: WindowState, ackedBytes: number): void {
  w.cwnd += Math.min(ackedBytes, w.mss);
}

/** NewReno's window: Reno AIMD (RFC 5681); its loss recovery (RFC 6582) lives in the sender. */
export class NewRenoControl implements CongestionControl {
  onAck(w: WindowState, ackedBytes: number): void {
    if (w.cwnd < w.ssthresh) slowStart(w, ackedBytes);
    else w.cwnd += Math.max(1, (w.mss * w.mss) / w.cwnd);
  }

  onFastRetransmit(w: WindowState, flight: number): number {
    return Math.max(flight / 2, 2 * w.mss);
  }

  onTimeout(w: WindowState, flight: number): number {
    return Math.max(flight / 2, 2 * w.mss);
  }
}
