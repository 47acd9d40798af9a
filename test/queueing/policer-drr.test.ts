import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

describe('token-bucket policer', () => {
  it.each([
    ['poisson', '20Mbps', '15000B'],
    ['cbr', '50Mbps', '3000B'],
  ])('a %s source policed at %s passes exactly that rate in the long run (within 1 percent)', (kind, rate, burst) => {
    const result = simulate(`
name: policer
duration: 30s
warmup: 1s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms, duplex: false, policer: { rate: ${rate}, burst: ${burst} } }
flows:
  - { name: f, from: a, to: b, source: { kind: ${kind}, rate: 80Mbps, packet_size: 1000B } }
`);
    const link = rowOf(result.links, 'link', 'a->b');
    expect(relativeError(num(link, 'throughput_bps'), parseFloat(rate) * 1e6)).toBeLessThan(0.01);
    expect(num(link, 'drops_policer')).toBeGreaterThan(0);
    expect(num(link, 'drops_queue_full')).toBe(0);
  });
});

describe('deficit round robin', () => {
  it('shares a saturated link in proportion to the weights, whatever the packet sizes', () => {
    const result = simulate(`
name: drr
duration: 20s
warmup: 1s
nodes: [a, b]
links:
  - from: a
    to: b
    bandwidth: 100Mbps
    delay: 1ms
    duplex: false
    queue:
      kind: drr
      quantum: 1500B
      classes:
        - { name: gold, dscp: [AF41], weight: 3, limit_packets: 200 }
        - { name: bronze, dscp: default, weight: 1, limit_packets: 200 }
flows:
  - { name: gold, from: a, to: b, dscp: AF41, source: { kind: poisson, rate: 90Mbps, packet_size: 400B } }
  - { name: bronze, from: a, to: b, source: { kind: cbr, rate: 90Mbps, packet_size: 1500B } }
`);
    const gold = num(rowOf(result.flows, 'flow', 'gold'), 'throughput_bps');
    const bronze = num(rowOf(result.flows, 'flow', 'bronze'), 'throughput_bps');
    expect(relativeError(gold + bronze, 100e6)).toBeLessThan(0.005);
    expect(relativeError(gold / bronze, 3)).toBeLessThan(0.02);
  });
});
