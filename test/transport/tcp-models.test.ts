import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

/** A long, fat path with random loss on the data direction only. */
function lossyPath(opts: { bandwidth: string; oneWay: string; loss: number; cc: string; duration: string; sack?: boolean }): string {
  const sack = opts.sack === undefined ? '' : `, sack: ${opts.sack}`;
  return `
name: lossy
duration: ${opts.duration}
warmup: 5s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: ${opts.bandwidth}, delay: ${opts.oneWay}, duplex: false, loss: ${opts.loss},
      queue: { kind: droptail, limit_packets: 100000 } }
  - { from: b, to: a, bandwidth: ${opts.bandwidth}, delay: ${opts.oneWay}, duplex: false }
flows:
  - { name: f, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { cc: ${opts.cc}${sack} } }
`;
}

describe('NewReno under random loss (Mathis et al. 1997)', () => {
  it.each([
    [0.001, true],
    [0.01, true],
    [0.001, false],
    [0.01, false],
  ])('goodput at loss %s (SACK %s) is within 25 percent of MSS/RTT x sqrt(3/(2p))', (p, sack) => {
    const rtt = 0.04;
    const row = rowOf(simulate(lossyPath({ bandwidth: '1Gbps', oneWay: '20ms', loss: p, cc: 'newreno', duration: '300s', sack }), 3).flows, 'flow', 'f');
    const mathis = ((1448 * 8) / rtt) * Math.sqrt(3 / (2 * p));
    expect(relativeError(num(row, 'goodput_bps'), mathis)).toBeLessThan(0.25);
  });
});

/** A path of 50 ms RTT at 100 Mbps with 0.5% random loss on data (the window, 17 segments, stays far below the 430-segment BDP). */
const halfPercent = (cc: string, sack: boolean) => lossyPath({ bandwidth: '100Mbps', oneWay: '25ms', loss: 0.005, cc, duration: '400s', sack });

describe('one flow, RTT 50 ms, 0.5% random loss, SACK on and off', () => {
  const rtt = 0.05 + (1500 * 8) / 100e6 + (52 * 8) / 100e6;
  // Mathis et al. (1997): MSS / RTT x sqrt(3 / (2p)) = 1448 B / 50 ms x 17.3 = 4.0 Mbps
  const mathis = ((1448 * 8) / rtt) * Math.sqrt(3 / (2 * 0.005));

  it.each([true, false])('NewReno is within 20 percent of Mathis (SACK %s)', (sack) => {
    const row = rowOf(simulate(halfPercent('newreno', sack), 5).flows, 'flow', 'f');
    expect(num(row, 'retransmits')).toBeGreaterThan(0);
    expect(relativeError(num(row, 'goodput_bps'), mathis)).toBeLessThan(0.2);
  });

  it.each([true, false])("CUBIC is within 20 percent of RFC 9438's response function (SACK %s)", (sack) => {
    // RFC 9438 5.1: the average window is the larger of the cubic one, 1.054 (RTT/p)^(3/4) = 5.9
    // segments here, and the Reno-friendly one (alpha = 3(1 - beta)/(1 + beta) gives Reno's average,
    // sqrt(3/(2p)) = 17.3 segments): at this BDP and loss CUBIC is in its Reno-friendly region
    const cubicWindow = 1.054 * Math.pow(rtt, 0.75) / Math.pow(0.005, 0.75);
    const expected = Math.max(((1448 * 8) / rtt) * cubicWindow, mathis);
    const row = rowOf(simulate(halfPercent('cubic', sack), 6).flows, 'flow', 'f');
    expect(relativeError(num(row, 'goodput_bps'), expected)).toBeLessThan(0.2);
  });
});

describe('CUBIC', () => {
  it('gets more goodput than NewReno on a 1 Gbps, 100 ms path with 0.01% loss', () => {
    const run = (cc: string) =>
      num(rowOf(simulate(lossyPath({ bandwidth: '1Gbps', oneWay: '50ms', loss: 0.0001, cc, duration: '300s' }), 4).flows, 'flow', 'f'), 'goodput_bps');
    const cubic = run('cubic');
    const newreno = run('newreno');
    // Mathis gives NewReno about 14 Mbps here; CUBIC's cubic growth gains where losses are rare
    expect(cubic).toBeGreaterThan(1.2 * newreno);
  });
});

/**
 * One NewReno flow on a drop-tail bottleneck whose buffer B is a quarter of the pipe P (C x base
 * RTT, in packets): the window saws between (P + B) / 2 and P + B. Fluid model (one window growth
 * per RTT, the RTT growing with the queue once W > P): the link is idle while W < P, so utilization =
 * [(P^2 - W0^2) / 2 + ((P + B)^2 - P^2) / 2] / [P (P - W0) + ((P + B)^2 - P^2) / 2], W0 = (P + B) / 2.
 */
describe('the sawtooth of one flow against a buffer a quarter of the pipe', () => {
  it('keeps the bottleneck busy 89% of the time, as the fluid model says (within 2%)', () => {
    const limit = 104;
    const result = simulate(
      `
name: sawtooth
duration: 120s
warmup: 20s
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 10Gbps, delay: 1ms }
  - { from: r, to: b, bandwidth: 100Mbps, delay: 24ms, queue: { kind: droptail, limit_packets: ${limit} } }
flows:
  - { name: bulk, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { cc: newreno } }
`,
      5,
    );
    const packetsPerSecond = 100e6 / (1500 * 8);
    // base RTT: propagation both ways, a data packet's and an ACK's serialization on each link
    const baseRtt = 0.05 + (1500 * 8) / 100e6 + (1500 * 8) / 10e9 + (52 * 8) / 100e6 + (52 * 8) / 10e9;
    const P = packetsPerSecond * baseRtt;
    const B = limit;
    const W0 = (P + B) / 2;
    const queued = ((P + B) ** 2 - P ** 2) / 2;
    const theory = ((P ** 2 - W0 ** 2) / 2 + queued) / (P * (P - W0) + queued);
    expect(theory).toBeCloseTo(0.892, 3);
    const utilization = num(rowOf(result.links, 'link', 'r->b'), 'utilization');
    expect(relativeError(utilization, theory)).toBeLessThan(0.02);
    expect(num(rowOf(result.flows, 'flow', 'bulk'), 'timeouts')).toBe(0);
  });
});
