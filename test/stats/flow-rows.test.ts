import { describe, expect, it } from 'vitest';
import { num, rowOf, simulate } from '../helpers.js';

describe('flows.csv, one definition per metric', () => {
  const yaml = `
name: half-active
duration: 10s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 1Gbps, delay: 10ms, duplex: false }
flows:
  - { name: half, from: a, to: b, start: 2s, stop: 7s, source: { kind: cbr, rate: 100Mbps, packet_size: 1250B } }
  - { name: steady, from: a, to: b, source: { kind: cbr, rate: 10Mbps, packet_size: 1250B } }
`;

  it('gives a flow its rate over its own active time (throughput_bps) and over the run (mean_rate_bps)', () => {
    const flows = simulate(yaml).flows;
    const half = rowOf(flows, 'flow', 'half');
    // 100 Mbps for 5 s: 50,000 packets of 10,000 bits; the first leaves at 2 s, the last (sent at
    // 7 s - 100 us) arrives 10 us + 10 ms later
    expect(num(half, 'rx_packets')).toBe(50_000);
    const active = 5 - 100e-6 + 10e-6 + 0.01;
    expect(num(half, 'throughput_bps')).toBeCloseTo((50_000 * 10_000) / active, 0);
    expect(num(half, 'mean_rate_bps')).toBeCloseTo(50e6, 0);
    const steady = rowOf(flows, 'flow', 'steady');
    // packets sent at 0, 1, ..., 9,989 ms arrive by the end: 9,990 of 10,000 bits over 10 s
    expect(num(steady, 'mean_rate_bps')).toBe(9.99e6);
  });

  it('gives a flow the mean of its RFC 3550 jitter estimate over its packets', () => {
    // CBR on an idle link: transits equal but for the nanosecond rounding of send times
    expect(num(rowOf(simulate(yaml).flows, 'flow', 'steady'), 'jitter_ms')).toBeLessThan(1e-5);
  });
});
