import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

const network = `
nodes: [a, b, c, d]
links:
  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms }
  - { from: c, to: d, bandwidth: 1Gbps, delay: 1ms }
`;

describe('UDP sources', () => {
  it('CBR sends at exactly its rate, evenly spaced (zero jitter, constant delay)', () => {
    const result = simulate(`name: cbr
duration: 10s
warmup: 1s
${network}
flows:
  - { name: f, from: a, to: b, source: { kind: cbr, rate: 12Mbps, packet_size: 1500B } }
`);
    const f = rowOf(result.flows, 'flow', 'f');
    expect(num(f, 'tx_packets')).toBe(9000); // 1000 packets/s over 9 s
    expect(num(f, 'mean_rate_bps')).toBe(12e6);
    expect(num(f, 'delay_max_ms')).toBe(1.012);
    expect(num(f, 'jitter_ms')).toBe(0);
  });

  it.each([
    ['exponential', '20ms', '60ms'],
    ['pareto', '{ pareto: { mean: 20ms, shape: 1.9 } }', '{ pareto: { mean: 60ms, shape: 1.9 } }'],
  ])('on/off (%s periods) averages peak x on / (on + off)', (_kind, on, off) => {
    const result = simulate(`name: onoff
duration: 400s
${network}
flows:
  - { name: f, from: a, to: b, source: { kind: onoff, rate: 40Mbps, packet_size: 500B, on: ${on}, off: ${off} } }
`);
    expect(relativeError(num(rowOf(result.flows, 'flow', 'f'), 'throughput_bps'), 10e6)).toBeLessThan(0.05);
  });

  it('Poisson: adding another flow does not change this flow\'s randomness', () => {
    const one = `name: s
duration: 5s
${network}
flows:
  - { name: f, from: a, to: b, source: { kind: poisson, rate: 50Mbps, packet_size: { exponential: 700B } } }
`;
    const two = `${one}  - { name: g, from: c, to: d, source: { kind: poisson, rate: 50Mbps } }\n`;
    const a = rowOf(simulate(one).flows, 'flow', 'f');
    const b = rowOf(simulate(two).flows, 'flow', 'f');
    expect(b).toEqual(a);
    const other = rowOf(simulate(one, 2).flows, 'flow', 'f');
    expect(other.tx_packets).not.toBe(a.tx_packets);
  });

  it('Poisson: the first packet comes one exponential gap after the start, so many flows do not start in a burst', () => {
    // 2,000 flows of 31.25 packets/s (mean gap 32 ms) from time 0: a Poisson process counts
    // 2000 x 10 / 32 = 625 packets in the first 10 ms (standard deviation 25), of which
    // 2000 x (1 - e^(-10/32)) = 535 first packets, and the link (50% load) drops none. Sending each
    // first packet at the start itself would put 2,000 packets on the link at once (2,625 sent).
    const flows = Array.from({ length: 2000 }, (_, i) => `  - { name: f${i}, from: a, to: b, source: { kind: poisson, rate: 250kbps, packet_size: 1000B } }`);
    const result = simulate(`name: burst
duration: 10ms
${network}
flows:
${flows.join('\n')}
`);
    const sent = result.flows.reduce((sum, f) => sum + num(f, 'tx_packets'), 0);
    expect(Math.abs(sent - 625)).toBeLessThan(75);
    expect(result.flows.reduce((sum, f) => sum + num(f, 'lost_packets'), 0)).toBe(0);
  });

  it('excludes the warm-up from every statistic', () => {
    const result = simulate(`name: w
duration: 3s
warmup: 2s
${network}
flows:
  - { name: early, from: a, to: b, source: { kind: cbr, rate: 12Mbps }, stop: 1s }
  - { name: late, from: c, to: d, source: { kind: cbr, rate: 12Mbps }, start: 2s }
`);
    const early = rowOf(result.flows, 'flow', 'early');
    expect(num(early, 'tx_packets')).toBe(0);
    expect(num(early, 'rx_packets')).toBe(0);
    expect(num(rowOf(result.links, 'link', 'a->b'), 'utilization')).toBe(0);
    const late = rowOf(result.flows, 'flow', 'late');
    expect(num(late, 'tx_packets')).toBe(1000);
    expect(num(rowOf(result.links, 'link', 'c->d'), 'utilization')).toBeCloseTo(0.012, 6);
  });

  it('pins a flow to a path when asked, instead of the lowest-delay one', () => {
    const yaml = (path: string) => `name: p
duration: 1s
nodes: [a, b, c]
links:
  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms }
  - { from: b, to: c, bandwidth: 1Gbps, delay: 1ms }
  - { from: a, to: c, bandwidth: 1Gbps, delay: 5ms }
flows:
  - { name: f, from: a, to: c, source: { kind: cbr, rate: 12Mbps }${path} }
`;
    const shortest = rowOf(simulate(yaml('')).flows, 'flow', 'f');
    expect(num(shortest, 'delay_mean_ms')).toBeCloseTo(2.024, 9);
    const pinned = rowOf(simulate(yaml(', path: [a, c]')).flows, 'flow', 'f');
    expect(num(pinned, 'delay_mean_ms')).toBeCloseTo(5.012, 9);
  });
});
