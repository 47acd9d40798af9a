import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

/** One 100 Mbps link fed by a Poisson source; mean packet 1000 B, so mu = 12,500 packets/s. */
function singleServer(load: number, packetSize: string, duration = '80s', limit = 1_000_000): string {
  return `
name: single-server
duration: ${duration}
warmup: 2s
nodes: [src, dst]
links:
  - { from: src, to: dst, bandwidth: 100Mbps, delay: 1ms, mtu: 1MB, duplex: false,
      queue: { kind: droptail, limit_packets: ${limit} } }
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

describe('M/M/1/K (a finite buffer: the queue holds K - 1 packets besides the one being sent)', () => {
  // M/M/1/K: P(full) = (1 - rho) rho^K / (1 - rho^(K+1)); L = rho / (1 - rho) - (K + 1) rho^(K+1) / (1 - rho^(K+1));
  // accepted packets spend W = L / (lambda (1 - P(full))) in the system (Little)
  it.each([0.9, 1.2])('at load %s with a 10-packet queue, loss and sojourn are those of K = 11', (rho) => {
    const K = 11;
    const result = simulate(singleServer(rho, '{ exponential: 1000B }', '80s', K - 1), 14);
    const flow = rowOf(result.flows, 'flow', 'poisson');
    const full = ((1 - rho) * rho ** K) / (1 - rho ** (K + 1));
    const inSystem = rho / (1 - rho) - ((K + 1) * rho ** (K + 1)) / (1 - rho ** (K + 1));
    const sojourn = inSystem / (rho * MU * (1 - full));
    expect(relativeError(num(flow, 'loss_ratio'), full)).toBeLessThan(0.04);
    expect(relativeError(num(flow, 'delay_mean_ms') / 1000 - PROPAGATION_S, sojourn)).toBeLessThan(0.03);
  });
});
