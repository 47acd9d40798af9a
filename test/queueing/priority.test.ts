import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

/**
 * Non-preemptive strict priority, two Poisson classes with exponential sizes (mean 1000 B) on a
 * 100 Mbps link. Cobham (1954): W_k = W0 / ((1 - s_{k-1}) (1 - s_k)), s_k the load of classes 1..k,
 * W0 = sum_i lambda_i E[S_i^2] / 2 = sum_i rho_i / mu for exponential service.
 */
const scenario = (rhoHigh: number, rhoLow: number) => `
name: priority
duration: 80s
warmup: 2s
nodes: [src, dst]
links:
  - from: src
    to: dst
    bandwidth: 100Mbps
    delay: 0ms
    mtu: 1MB
    duplex: false
    queue:
      kind: priority
      classes:
        - { name: high, dscp: [EF], limit_packets: 1000000 }
        - { name: low, dscp: default, limit_packets: 1000000 }
flows:
  - { name: high, from: src, to: dst, dscp: EF, source: { kind: poisson, rate: ${rhoHigh * 100}Mbps, packet_size: { exponential: 1000B } } }
  - { name: low, from: src, to: dst, dscp: 0, source: { kind: poisson, rate: ${rhoLow * 100}Mbps, packet_size: { exponential: 1000B } } }
`;

describe('strict priority queue', () => {
  it.each([
    [0.3, 0.5],
    [0.4, 0.4],
  ])('mean wait of each class (loads %s, %s) is within 5 percent of Cobham', (rhoHigh, rhoLow) => {
    const mu = 100e6 / 8000;
    const w0 = (rhoHigh + rhoLow) / mu;
    const theory = { high: w0 / (1 - rhoHigh), low: w0 / ((1 - rhoHigh) * (1 - rhoHigh - rhoLow)) };
    const result = simulate(scenario(rhoHigh, rhoLow), 21);
    for (const cls of ['high', 'low'] as const) {
      const flow = rowOf(result.flows, 'flow', cls);
      // one-way delay = wait + own transmission time (no propagation here)
      const meanService = (num(flow, 'rx_bytes') * 8) / num(flow, 'rx_packets') / 100e6;
      const wait = num(flow, 'delay_mean_ms') / 1000 - meanService;
      expect(relativeError(wait, theory[cls])).toBeLessThan(0.05);
    }
  });
});
