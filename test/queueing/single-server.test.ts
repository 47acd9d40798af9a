import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

/** One 100 Mbps link fed by a Poisson source; mean packet 1000 B, so mu = 12,500 packets/s. */
function singleServer(load: number, packetSize: string, duration = '80s'): string {
  return `
name: single-server
duration: ${duration}
warmup: 2s
nodes: [src, dst]
links:
  - { from: src, to: dst, bandwidth: 100Mbps, delay: 1ms, mtu: 1MB, duplex: false,
      queue: { kind: droptail, limit_packets: 1000000 } }
flows:
  - { name: poisson, from: src, to: dst, source: { kind: poisson, rate: ${100 * load}Mbps, packet_size: ${packetSize} } }
`;
}

const MU = 100e6 / 8000; // packets per second
const PROPAGATION_S = 1e-3;

describe('M/M/1 (Poisson arrivals, exponential packet sizes)', () => {
  it.each([0.5, 0.8])('mean sojourn time at load %s is within 3 percent of 1/(mu - lambda)', (rho) => {
    const result = simulate(singleServer(rho, '{ exponential: 1000B }'), 11);
    const flow = rowOf(result.flows, 'flow', 'poisson');
    const sojourn = num(flow, 'delay_mean_ms') / 1000 - PROPAGATION_S;
    const theory = 1 / (MU - rho * MU);
    expect(relativeError(sojourn, theory)).toBeLessThan(0.03);
    expect(num(flow, 'lost_packets')).toBe(0);
  });

  it('link utilization equals the load', () => {
    const result = simulate(singleServer(0.8, '{ exponential: 1000B }'), 12);
    expect(num(rowOf(result.links, 'link', 'src->dst'), 'utilization')).toBeCloseTo(0.8, 2);
  });
});

describe('M/D/1 (Poisson arrivals, fixed packet sizes)', () => {
  it.each([0.5, 0.8])('mean wait in queue at load %s is within 3 percent of rho/(2 mu (1 - rho))', (rho) => {
    const result = simulate(singleServer(rho, '1000B'), 13);
    const link = rowOf(result.links, 'link', 'src->dst');
    const wait = num(link, 'queue_delay_mean_ms') / 1000;
    const theory = rho / (2 * MU * (1 - rho));
    expect(relativeError(wait, theory)).toBeLessThan(0.03);
  });
});
