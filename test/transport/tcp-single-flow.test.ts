import { describe, expect, it } from 'vitest';
import { bottleneckPath, num, relativeError, rowOf, simulate, simulateNetwork } from '../helpers.js';

/**
 * a -> r -> b: a fast access link and a 100 Mbps bottleneck; ACKs come back on separate links.
 * Base RTT = 2 x (1 ms + 9 ms) = 20 ms plus serialization.
 */
function path(opts: { flow: string; bottleneckExtra?: string; queue?: number; duration?: string }): string {
  return bottleneckPath({
    name: 'tcp-path',
    duration: opts.duration ?? '10s',
    bandwidth: '100Mbps',
    delay: '9ms',
    queue: opts.queue ?? 1000,
    bottleneckExtra: opts.bottleneckExtra,
    flows: [opts.flow],
  });
}

const MSS = 1448;
const PACKET_BITS = 1500 * 8;
const CAPACITY = 100e6;
const BASE_RTT = 0.02 + PACKET_BITS / 10e9 + PACKET_BITS / CAPACITY + (52 * 8) / CAPACITY + (52 * 8) / 10e9;
/** The handshake: a 60-byte SYN out, a 60-byte SYN-ACK back; the first data leaves as it arrives. */
const SYN_RTT = 0.02 + 2 * ((60 * 8) / 10e9 + (60 * 8) / CAPACITY);

describe('TCP, one flow on a lossless path', () => {
  const bdp = (CAPACITY * BASE_RTT) / 8; // bytes
  const rwnd = Math.round(1.3 * bdp);
  const yaml = path({
    flow: `{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { receive_window: ${rwnd}B } }`,
    queue: 1000, // far more than the 0.3 BDP the window can put in the queue: no loss
  });

  it('fills the bottleneck: goodput >= 95% of capacity after slow start, without loss', () => {
    const row = rowOf(simulate(yaml).flows, 'flow', 'f');
    expect(num(row, 'lost_packets')).toBe(0);
    expect(num(row, 'retransmits')).toBe(0);
    expect(num(row, 'goodput_bps')).toBeGreaterThan(0.95 * CAPACITY);
    // every packet carries 1448 of 1500 bytes: goodput cannot exceed 96.5% of the capacity
    expect(num(row, 'goodput_bps')).toBeLessThanOrEqual(CAPACITY * (MSS / 1500));
  });

  it('leaves slow start after the number of RTTs theory predicts (within 1)', () => {
    const row = rowOf(simulate(yaml).flows, 'flow', 'f');
    // the handshake's round trip, then cwnd doubles every RTT from 10 segments until it reaches the receive window
    const rounds = 1 + Math.ceil(Math.log2(rwnd / (10 * MSS)));
    const measured = num(row, 'slow_start_end_ms') / 1000 / BASE_RTT;
    expect(Math.abs(measured - rounds)).toBeLessThanOrEqual(1);
  });
});

describe('TCP loss recovery', () => {
  it.each([true, false])('repairs a single loss by fast retransmit, without a timeout (SACK %s)', (sack) => {
    const network = simulateNetwork(
      path({
        flow: `{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 2MB }, tcp: { sack: ${sack} } }`,
        bottleneckExtra: ', drop_packets: [60]',
      }),
    );
    const tcp = network.flows[0]!.tcp!;
    expect(network.flows[0]!.lostPackets).toBe(1);
    expect(tcp.retransmits).toBe(1);
    expect(tcp.timeouts).toBe(0);
    expect(tcp.completion.count).toBe(1);
  });

  it('repairs several losses of one window within one RTT with SACK, one per RTT without', () => {
    const run = (sack: boolean) =>
      simulateNetwork(
        path({
          flow: `{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 1MB }, tcp: { sack: ${sack} } }`,
          bottleneckExtra: ', drop_packets: [40, 44, 48, 52, 56]',
        }),
      ).flows[0]!.tcp!;
    const withSack = run(true);
    const newReno = run(false);
    for (const tcp of [withSack, newReno]) {
      expect(tcp.timeouts).toBe(0);
      expect(tcp.retransmits).toBe(5);
      expect(tcp.completion.count).toBe(1);
    }
    // NewReno learns of one hole per partial ACK and recovers for five RTTs instead of one; new
    // data keeps flowing meanwhile, so the transfer ends at least one RTT later, not four.
    const extraRtts = (newReno.completion.mean - withSack.completion.mean) / 1e9 / BASE_RTT;
    expect(extraRtts).toBeGreaterThan(1);
    expect(extraRtts).toBeLessThan(4);
  });

  it('times out when a burst empties the window, and doubles the RTO on repeated loss', () => {
    // Packet 1 is the SYN; the first window is the next 10; the retransmission after the first
    // timeout is packet 12 and is lost too. The handshake's round trip R (about 20 ms) is the one
    // RTT sample: RTO = R + 4 R / 2 = 60 ms, raised to the 200 ms floor (RFC 6298 2.2, 2.4).
    const network = simulateNetwork(
      path({
        flow: '{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 100KB } }',
        bottleneckExtra: ', drop_packets: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]',
      }),
    );
    const tcp = network.flows[0]!.tcp!;
    expect(tcp.timeouts).toBe(2);
    expect(tcp.timeoutRtos).toEqual([2e8, 4e8]);
    // ssthresh = 10 / 2 = 5 segments at the first timeout and held at the second (RFC 5681 3.1).
    // Then slow start 1, 2, 4, 5 and congestion avoidance 6, 7, ... 12: 75 >= 70 segments in
    // 11 rounds, the last byte arriving about 10.5 RTTs after the second timeout, 0.6 s after the data began.
    const secondTimeout = (SYN_RTT + 0.6) * 1e9;
    expect(tcp.completion.count).toBe(1);
    expect(tcp.completion.mean).toBeGreaterThan(secondTimeout + 10 * BASE_RTT * 1e9);
    expect(tcp.completion.mean).toBeLessThan(secondTimeout + 11 * BASE_RTT * 1e9);
  });
});

describe('short transfers on an idle path', () => {
  /**
   * The handshake's round trip first. Then, with IW = 10 segments and one ACK per segment, round k
   * carries 10 x 2^(k-1) segments. The last byte arrives (k - 1) base RTTs after the first data, plus the one-way trip of the first packet of
   * the last round, plus the serialization at the bottleneck of the rest of that round. Once a
   * round's window holds a bandwidth-delay product, the bottleneck never idles again: that round
   * is the last, and carries everything left.
   */
  function expectedFct(bytes: number): number {
    const segments = Math.ceil(bytes / MSS);
    const bdpPackets = (BASE_RTT * CAPACITY) / PACKET_BITS;
    let sent = 0;
    let round = 0;
    let last = 0;
    while (sent < segments) {
      round++;
      const window = 10 * 2 ** (round - 1);
      last = window >= bdpPackets ? segments - sent : Math.min(window, segments - sent);
      sent += last;
    }
    const oneWay = 0.01 + PACKET_BITS / 10e9 + PACKET_BITS / CAPACITY;
    return SYN_RTT + (round - 1) * BASE_RTT + oneWay + ((last - 1) * PACKET_BITS) / CAPACITY;
  }

  it.each([10e3, 100e3, 1e6])('a %d-byte transfer completes in slow-start rounds x RTT + serialization (within 5%)', (bytes) => {
    const row = rowOf(
      simulate(path({ flow: `{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: ${bytes}B } }` })).flows,
      'flow',
      'f',
    );
    expect(num(row, 'completions')).toBe(1);
    expect(relativeError(num(row, 'fct_ms') / 1000, expectedFct(bytes))).toBeLessThan(0.05);
  });
});
