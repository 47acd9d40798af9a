import { describe, expect, it } from 'vitest';
import { num, rowOf, simulate } from '../helpers.js';

/** a -> b directly (MTU 1500), or through c when the direct link is down (c -> b: MTU 1400). */
const network = (flow: string) => `
name: mtu-failover
duration: 6s
routing: { detection: 100ms, convergence: 100ms }
nodes: [a, b, c]
links:
  - { from: a, to: b, bandwidth: 100Mbps, delay: 1ms, outages: [{ at: 2s, duration: 10s }] }
  - { from: a, to: c, bandwidth: 100Mbps, delay: 5ms }
  - { from: c, to: b, bandwidth: 100Mbps, delay: 5ms, mtu: 1400B }
flows:
  - ${flow}
`;

describe('the MTU on every route a flow takes', () => {
  it('drops fixed-size packets larger than a link they meet after a failover, as mtu', () => {
    // 1,450-byte packets every 1.16 ms (10 Mbps): fine on the direct link until 2 s, then lost while
    // routing notices (link_down, 0.1 s), then dropped at c -> b for the rest of the run (3.8 s)
    const result = simulate(network('{ name: f, from: a, to: b, source: { kind: cbr, rate: 10Mbps, packet_size: 1450B } }'));
    const f = rowOf(result.flows, 'flow', 'f');
    const perSecond = 10e6 / (1450 * 8);
    expect(num(f, 'rx_packets')).toBeCloseTo(2 * perSecond, -1);
    const mtuDrops = result.drops.filter((d) => d.reason === 'mtu');
    expect(mtuDrops.map((d) => d.location)).toEqual(['c->b']);
    expect(num(mtuDrops[0]!, 'packets')).toBeCloseTo(3.8 * perSecond, -1);
    expect(num(rowOf(result.links, 'link', 'c->b'), 'drops_mtu')).toBe(num(mtuDrops[0]!, 'packets'));
  });

  it('lets TCP follow a smaller path MTU: segments shrink and nothing is dropped for size', () => {
    const result = simulate(network('{ name: t, from: a, to: b, protocol: tcp, app: { kind: bulk } }'));
    expect(result.drops.filter((d) => d.reason === 'mtu')).toEqual([]);
    const cb = rowOf(result.links, 'link', 'c->b');
    // after the failover the bulk flow fills c -> b with segments of at most 1,400 bytes
    expect(num(cb, 'tx_packets')).toBeGreaterThan(1000);
    expect(num(cb, 'tx_bytes') / num(cb, 'tx_packets')).toBeLessThanOrEqual(1400);
    expect(num(cb, 'utilization')).toBeGreaterThan(0.5);
  });
});
