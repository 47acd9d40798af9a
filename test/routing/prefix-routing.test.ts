import { describe, expect, it } from 'vitest';
import { Fib } from '../../src/net/routing/fib.js';
import { formatPrefix, parseAddress, parsePrefix, prefixContains } from '../../src/core/prefix.js';
import { num, rowOf, simulate } from '../helpers.js';

describe('prefixes and longest-prefix match', () => {
  it('parses, formats and matches IPv4 prefixes', () => {
    const p = parsePrefix('203.0.113.0/24')!;
    expect(formatPrefix(p)).toBe('203.0.113.0/24');
    expect(prefixContains(p, parseAddress('203.0.113.200')!)).toBe(true);
    expect(prefixContains(p, parseAddress('203.0.114.1')!)).toBe(false);
    expect(prefixContains(parsePrefix('0.0.0.0/0')!, parseAddress('8.8.8.8')!)).toBe(true);
    expect(parsePrefix('10.1.0.1/16')).toBeUndefined(); // host bits set
    expect(parsePrefix('10.1.0.0/33')).toBeUndefined();
  });

  it('picks the longest matching prefix whatever the insertion order', () => {
    const fib = new Fib();
    const entry = (text: string) => ({ prefix: parsePrefix(text)!, key: text, local: true, nextHops: [] });
    fib.replaceAll([entry('0.0.0.0/0'), entry('10.0.0.0/8'), entry('10.1.2.0/24'), entry('10.1.0.0/16')]);
    expect(fib.lookup(parseAddress('10.1.2.3')!)!.key).toBe('10.1.2.0/24');
    expect(fib.lookup(parseAddress('10.1.9.9')!)!.key).toBe('10.1.0.0/16');
    expect(fib.lookup(parseAddress('10.9.9.9')!)!.key).toBe('10.0.0.0/8');
    expect(fib.lookup(parseAddress('192.0.2.1')!)!.key).toBe('0.0.0.0/0');
  });
});

/**
 * src -> r, then two ways on: r -> a (path A) and r -> b (path B). Path A fails at 2 s for 6 s;
 * routing detects it after 1 s and converges 2 s later.
 */
function twoPaths(prefixes: string): string {
  return `
name: lpm
duration: 10s
routing: { detection: 1s, convergence: 2s }
nodes: [src, r, a, b]
prefixes:
${prefixes}
links:
  - { from: src, to: r, bandwidth: 1Gbps, delay: 1ms }
  - { from: r, to: a, bandwidth: 1Gbps, delay: 5ms, outages: [{ at: 2s, duration: 6s }] }
  - { from: r, to: b, bandwidth: 1Gbps, delay: 20ms }
flows:
  - { name: f, from: src, to: a, to_address: 203.0.113.10, source: { kind: cbr, rate: 12Mbps } }
`;
}

const PACKETS_PER_S = 1000; // 12 Mbps of 1500-byte packets

describe('route withdrawal and failover', () => {
  it('a /24 over one path beats the default over another; on failure the flow falls back to the default at detection', () => {
    const result = simulate(twoPaths('  - { node: a, prefix: 203.0.113.0/24 }\n  - { node: b, prefix: 0.0.0.0/0 }'));
    const f = rowOf(result.flows, 'flow', 'f');
    // lost: the packets sent onto the dead link until detection (1 s) and those in flight at the failure
    const downDrops = result.drops.filter((d) => d.location === 'r->a' && d.reason === 'link_down').reduce((s, d) => s + num(d, 'packets'), 0);
    expect(downDrops).toBeGreaterThanOrEqual(1 * PACKETS_PER_S);
    expect(downDrops).toBeLessThanOrEqual(1 * PACKETS_PER_S + 6);
    expect(num(f, 'lost_packets')).toBe(downDrops);
    // the default route carries the flow from detection until the /24 is restored after repair
    const viaB = num(rowOf(result.links, 'link', 'r->b'), 'tx_packets');
    expect(Math.abs(viaB - (8 + 2 - 3) * PACKETS_PER_S)).toBeLessThanOrEqual(2);
    const availability = rowOf(result.availability ?? [], 'pair', 'src -> a');
    expect(num(availability, 'outages')).toBe(1);
    expect(num(availability, 'unavailable_s')).toBeCloseTo(1, 6);
    expect(num(availability, 'route_changes')).toBe(2);
  });

  it('a backup route for the same prefix takes over only after detection + convergence: no_route in between', () => {
    const result = simulate(twoPaths('  - { node: a, prefix: 203.0.113.0/24, preference: 100 }\n  - { node: b, prefix: 203.0.113.0/24 }'));
    const drops = (location: string, reason: string): number =>
      result.drops.filter((d) => d.location === location && d.reason === reason).reduce((s, d) => s + num(d, 'packets'), 0);
    expect(drops('r->a', 'link_down')).toBeGreaterThanOrEqual(1 * PACKETS_PER_S);
    // the withdrawal reaches every router: the packets die at the first one without the route
    const noRoute = result.drops.filter((d) => d.reason === 'no_route').reduce((s, d) => s + num(d, 'packets'), 0);
    expect(Math.abs(noRoute - 2 * PACKETS_PER_S)).toBeLessThanOrEqual(2);
    const availability = rowOf(result.availability ?? [], 'pair', 'src -> a');
    expect(num(availability, 'unavailable_s')).toBeCloseTo(3, 6); // detection + convergence
    expect(num(availability, 'mttr_s')).toBeCloseTo(3, 6);
  });

  it('splits equal-cost paths per flow, deterministically', () => {
    const flows = Array.from({ length: 40 }, (_, i) => `  - { name: f${i}, from: s, to: d, source: { kind: cbr, rate: 1Mbps } }`).join('\n');
    const result = simulate(`
name: ecmp
duration: 1s
nodes: [s, x, y, d]
links:
  - { from: s, to: x, bandwidth: 1Gbps, delay: 1ms }
  - { from: s, to: y, bandwidth: 1Gbps, delay: 1ms }
  - { from: x, to: d, bandwidth: 1Gbps, delay: 1ms }
  - { from: y, to: d, bandwidth: 1Gbps, delay: 1ms }
flows:
${flows}
`);
    const viaX = num(rowOf(result.links, 'link', 's->x'), 'tx_packets');
    const viaY = num(rowOf(result.links, 'link', 's->y'), 'tx_packets');
    expect(viaX + viaY).toBe(40 * 84); // 1 Mbps of 1500 B: 83.3 packets per second
    expect(viaX).toBeGreaterThan(0.25 * (viaX + viaY));
    expect(viaY).toBeGreaterThan(0.25 * (viaX + viaY));
  });
});
