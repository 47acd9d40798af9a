import { describe, expect, it } from 'vitest';
import type { WindowState } from '../../src/transport/tcp/congestion-control.js';
import { HyStart } from '../../src/transport/tcp/hystart.js';
import { bottleneckPath, num, rowOf, simulate } from '../helpers.js';

const MSS = 1448;
const MS = 1e6;

/**
 * HyStart driven by hand, one ACK of one segment at a time: `round(rtts, spacing)` sends a round of
 * ACKs with the given RTT samples, `spacing` ns apart, starting a new round (the first ACK passes the
 * highest byte sent at the last round's start). Returns the index of the ACK at which slow start
 * ended (ssthresh = cwnd), or -1.
 */
function driver(cwndSegments: number, srtt = NaN) {
  const clock = { now: 0 };
  const hystart = new HyStart(clock);
  const w: WindowState = { cwnd: cwndSegments * MSS, ssthresh: Infinity, mss: MSS, srtt };
  let now = 0;
  let una = 0;
  let nxt = 10 * MSS;
  return {
    w,
    hystart,
    round(rtts: readonly number[], spacing: number, gapAfter = -1, gap = 0): number {
      const roundEnd = nxt;
      now += 100 * MS;
      let exitedAt = -1;
      for (let i = 0; i < rtts.length; i++) {
        una = Math.max(una, roundEnd) + MSS; // the first ACK of the round passes its start's highest byte
        nxt = una + w.cwnd; // (the window stays fixed here: only HyStart's decisions are watched)
        const before = w.ssthresh;
        clock.now = now;
        hystart.onAck(w, rtts[i]!, una, nxt);
        if (exitedAt < 0 && w.ssthresh !== before) exitedAt = i;
        now += spacing + (i === gapAfter ? gap : 0);
      }
      return exitedAt;
    },
  };
}

const constant = (n: number, rtt: number) => Array.from({ length: n }, () => rtt);

describe('HyStart, by hand (Linux tcp_cubic.c: 8 samples, delay threshold minRTT/8 in [4, 16] ms, ACK train over minRTT/2)', () => {
  it('leaves slow start at the ninth ACK of a round whose least RTT exceeds the minimum by more than an eighth', () => {
    const d = driver(20);
    expect(d.round(constant(20, 40 * MS), 3 * MS)).toBe(-1); // 3 ms apart: no ACK train
    expect(d.round(constant(20, 44.9 * MS), 3 * MS)).toBe(-1); // 4.9 ms above 40: under the 5 ms threshold
    expect(d.round(constant(20, 45.1 * MS), 3 * MS)).toBe(8); // judged once 8 samples are in: the ninth ACK
    expect(d.w.ssthresh).toBe(20 * MSS);
    expect(d.hystart.exited).toBe(true);
  });

  it('holds the delay threshold between 4 and 16 ms', () => {
    for (const [min, below, above] of [
      [20, 23.9, 24.1], // 20 / 8 = 2.5 ms: 4 ms
      [200, 215.9, 216.1], // 200 / 8 = 25 ms: 16 ms
    ] as const) {
      const quiet = driver(20);
      quiet.round(constant(12, min * MS), 3 * MS);
      expect(quiet.round(constant(12, below * MS), 3 * MS)).toBe(-1);
      const rising = driver(20);
      rising.round(constant(12, min * MS), 3 * MS);
      expect(rising.round(constant(12, above * MS), 3 * MS)).toBe(8);
    }
  });

  it('takes every sample into the round\'s least RTT: a lower minimum after eight samples is no rise (Linux b344579ca847)', () => {
    const d = driver(20);
    d.round(constant(12, 150 * MS), 3 * MS);
    const rtts = constant(12, 150 * MS);
    rtts[8] = 100 * MS; // the ninth sample lowers the minimum RTT: 150 is now 50 ms above it, yet no queue grew
    expect(d.round(rtts, 3 * MS)).toBe(-1);
  });

  it('leaves slow start when a round of ACKs 1 ms apart has lasted more than half the minimum RTT', () => {
    // (a round is a window of ACKs: 20 segments 1 ms apart could never span more than 20 ms)
    const short = driver(20);
    short.round(constant(4, 40 * MS), 3 * MS);
    expect(short.round(constant(30, 40 * MS), 1 * MS)).toBe(-1);
    const d = driver(40);
    d.round(constant(4, 40 * MS), 3 * MS);
    // no SRTT yet: no burst allowance, the threshold is 40 / 2 = 20 ms: the ACK 21 ms after the first
    expect(d.round(constant(30, 40 * MS), 1 * MS)).toBe(21);
  });

  it('adds the burst allowance of four 64 KB bursts at twice cwnd / SRTT, at most 1 ms, before halving', () => {
    // cwnd 100 segments, SRTT 40 ms: 2 x 144,800 B / 40 ms = 7.24 B/us, 262,144 B take 36 ms: 1 ms
    const slow = driver(100, 40 * MS);
    slow.round(constant(4, 40 * MS), 3 * MS);
    expect(slow.round(constant(100, 40 * MS), 0.25 * MS)).toBe(83); // (40 + 1) / 2 = 20.5 ms: the ACK at 20.75 ms
    // cwnd 2000 segments, SRTT 10 ms: 579 B/us, 262,144 B take 0.453 ms
    const fast = driver(2000, 10 * MS);
    fast.round(constant(4, 10 * MS), 3 * MS);
    expect(fast.round(constant(60, 10 * MS), 0.1 * MS)).toBe(53); // (10 + 0.453) / 2 = 5.226 ms: the ACK at 5.3 ms
  });

  it('a gap of more than 2 ms breaks the train for the rest of the round', () => {
    const d = driver(40);
    d.round(constant(4, 40 * MS), 3 * MS);
    expect(d.round(constant(30, 40 * MS), 1 * MS, 5, 1.5 * MS)).toBe(-1);
    expect(d.round(constant(30, 40 * MS), 1 * MS)).toBe(21); // the next round's train is whole
  });

  it('waits for a window of 16 segments, and for slow start', () => {
    const small = driver(15);
    small.round(constant(12, 40 * MS), 3 * MS);
    expect(small.round(constant(12, 60 * MS), 3 * MS)).toBe(-1);
    const avoiding = driver(20);
    avoiding.w.ssthresh = 10 * MSS; // in congestion avoidance
    avoiding.round(constant(12, 40 * MS), 3 * MS);
    expect(avoiding.round(constant(12, 60 * MS), 3 * MS)).toBe(-1);
  });

  it('after a timeout it watches slow start again, with a new minimum RTT', () => {
    const d = driver(20);
    d.round(constant(12, 40 * MS), 3 * MS);
    expect(d.round(constant(12, 60 * MS), 3 * MS)).toBe(8);
    d.hystart.restart(0);
    d.w.ssthresh = Infinity;
    expect(d.hystart.exited).toBe(false);
    d.round(constant(12, 60 * MS), 3 * MS); // the path is longer now: 60 ms is the new minimum
    expect(d.round(constant(12, 66 * MS), 3 * MS)).toBe(-1); // 6 ms above: under 60 / 8 = 7.5 ms
  });
});

/**
 * a -> r -> b, 100 Mbps bottleneck, RTT 40 ms: a pipe of 334 packets and a 400-packet buffer hold
 * 734. Slow start's rounds of 10, 20, ..., 640 segments fit; the next, 1,280, does not.
 */
const path = (tcp: string): string =>
  bottleneckPath({ name: 'hystart', duration: '3s', bandwidth: '100Mbps', delay: '19ms', queue: 400, flows: [`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: ${tcp} }`] });

/**
 * a -> r -> b with a 4 Mbps bottleneck (3 ms a packet, so no ACK train ever forms), ACKs back at
 * 100 Mbps, and 100 ms of propagation: a pipe of 34 packets.
 */
const slowPath = (tcp: string): string =>
  bottleneckPath({
    name: 'hystart-delay',
    duration: '2s',
    bandwidth: '4Mbps',
    reverse: '100Mbps',
    delay: '49ms',
    queue: 1000,
    flows: [`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: ${tcp} }`],
  });

describe('HyStart in a network', () => {
  it('leaves slow start by the delay rise at the ninth ACK of the first round that starts behind a queue', () => {
    const row = rowOf(simulate(slowPath('{ cc: cubic }')).flows, 'flow', 'f');
    const synRtt = 0.1 + (60 * 8) / 10e9 + (60 * 8) / 4e6 + (60 * 8) / 100e6 + (60 * 8) / 10e9;
    const rtt = 0.1 + (1500 * 8) / 10e9 + (1500 * 8) / 4e6 + (52 * 8) / 100e6 + (52 * 8) / 10e9;
    const perPacket = (1500 * 8) / 4e6;
    // Rounds 1-3 (10, 20, 40 segments) each start with a packet that finds the bottleneck idle: each
    // round's least RTT is the minimum. Round 3 sends 40 packets from t2 (the first ACK of round 2);
    // they keep the bottleneck busy 120 ms, longer than the RTT, so round 4's first packet (sent at
    // t3 = t2 + rtt) waits behind them: its RTT is 120 ms, more than 103 + 103 / 8 ms, and so are
    // the next ones. The ninth ACK of round 4, 3 ms apart, ends slow start.
    const t2 = synRtt + 2 * rtt;
    const round4 = t2 + (1500 * 8) / 10e9 + 0.001 + 41 * perPacket + 0.098 + (52 * 8) / 100e6 + (52 * 8) / 10e9 + 0.001;
    expect(round4 - (t2 + rtt)).toBeGreaterThan(rtt + rtt / 8);
    expect(num(row, 'slow_start_end_ms') / 1000).toBeCloseTo(round4 + 8 * perPacket, 6);
    expect(num(row, 'lost_packets')).toBe(0);
    // without HyStart slow start runs on into the 1,000-packet buffer: it has not ended after 2 s
    expect(num(rowOf(simulate(slowPath('{ cc: cubic, hystart: false }')).flows, 'flow', 'f'), 'slow_start_end_ms')).toBeNaN();
  });

  // round trips: the handshake's (60-byte SYN and SYN-ACK), then a data segment's (1500 B out, a
  // 52-byte ACK back), each link's serialization included
  const synRtt = 0.04 + 2 * ((60 * 8) / 10e9 + (60 * 8) / 100e6);
  const rtt = 0.04 + (1500 * 8) / 10e9 + (1500 * 8) / 100e6 + (52 * 8) / 100e6 + (52 * 8) / 10e9;
  const spacing = (1500 * 8) / 100e6; // the ACKs of a round come back as the bottleneck sent the data

  it("leaves slow start by the ACK train at the ACK it predicts, before any loss; without it, the window overflows the buffer", () => {
    const row = rowOf(simulate(path('{ cc: cubic }')).flows, 'flow', 'f');
    // rounds of 10, 20, 40, 80, 160 segments span less than half the RTT at the bottleneck; the
    // sixth (320 segments, 38 ms of ACKs) starts with its first ACK at synRtt + 6 RTT and its train
    // passes (minRTT + 1 ms) / 2 at the first ACK after it
    const roundStart = synRtt + 6 * rtt;
    const threshold = (rtt + 0.001) / 2;
    const exit = roundStart + (Math.floor(threshold / spacing) + 1) * spacing;
    expect(num(row, 'slow_start_end_ms') / 1000).toBeCloseTo(exit, 6);
    expect(num(row, 'lost_packets')).toBe(0);
    expect(num(row, 'timeouts')).toBe(0);
    // the window left slow start at 320 + 172 = 492 segments (1.5 BDP); CUBIC grows from there,
    // C t^3 = 0.4 x 3^3 = 11 segments in 3 s: the goodput is most of the capacity
    expect(num(row, 'goodput_bps')).toBeGreaterThan(0.85 * 100e6);

    for (const tcp of ['{ cc: cubic, hystart: false }', '{ cc: newreno }']) {
      const overflowing = rowOf(simulate(path(tcp)).flows, 'flow', 'f');
      expect(num(overflowing, 'lost_packets')).toBeGreaterThan(100);
      expect(num(overflowing, 'slow_start_end_ms') / 1000).toBeGreaterThan(roundStart + rtt);
    }
  });
});
