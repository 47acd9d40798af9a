import { describe, expect, it } from 'vitest';
import { CubicControl } from '../../src/transport/tcp/cubic.js';
import type { WindowState } from '../../src/transport/tcp/congestion-control.js';

/**
 * Drive CUBIC with one ACK per segment, an RTT of 100 ms and no loss after one reduction from
 * W_max = 1000 segments, and compare the window with RFC 9438's W(t) = C (t - K)^3 + W_max.
 */
describe('CUBIC window growth (RFC 9438)', () => {
  const mss = 1000;
  const rtt = 0.1e9;

  function grow(seconds: number): number[] {
    const clock = { now: 0 };
    const cc = new CubicControl(clock);
    const w: WindowState = { cwnd: 1000 * mss, ssthresh: 0, mss, srtt: rtt };
    w.ssthresh = cc.onFastRetransmit(w);
    w.cwnd = w.ssthresh;
    const perRtt: number[] = [];
    let now = 0;
    for (let round = 0; round < seconds * 10; round++) {
      const acks = Math.floor(w.cwnd / mss);
      for (let i = 0; i < acks; i++) {
        clock.now = now + (i * rtt) / acks;
        cc.onAck(w, mss);
      }
      now += rtt;
      perRtt.push(w.cwnd / mss);
    }
    return perRtt;
  }

  it('backs off to 0.7 W_max and returns to W_max at t = K = cbrt(W_max (1 - 0.7) / 0.4)', () => {
    const k = Math.cbrt((1000 * 0.3) / 0.4); // 9.09 s
    const windows = grow(12);
    const at = (t: number) => windows[Math.round(t * 10) - 1]!;
    // the window tracks W(t + RTT), the target one RTT ahead
    for (const t of [2, 5, 8, 11]) {
      const expected = 0.4 * (t + 0.1 - k) ** 3 + 1000;
      expect(Math.abs(at(t) - expected) / expected).toBeLessThan(0.02);
    }
  });

  it('grows at least as fast as Reno would (the Reno-friendly region) on a short RTT path', () => {
    const shortRtt = 1e6; // 1 ms: the cubic curve is very slow in RTTs, Reno's estimate leads
    const clock = { now: 0 };
    const cc = new CubicControl(clock);
    const w: WindowState = { cwnd: 20 * mss, ssthresh: 0, mss, srtt: shortRtt };
    w.ssthresh = cc.onFastRetransmit(w);
    w.cwnd = w.ssthresh; // 14 segments
    for (let round = 0; round < 100; round++) {
      const acks = Math.floor(w.cwnd / mss);
      for (let i = 0; i < acks; i++) cc.onAck(w, mss);
      clock.now += shortRtt;
    }
    // W_est grows by alpha = 3 (1 - 0.7) / (1 + 0.7) = 0.53 segments per RTT
    expect(w.cwnd / mss).toBeGreaterThan(14 + 0.5 * 100 * 0.9);
  });
});
