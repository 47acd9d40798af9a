import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../../helpers.js';

const scenario = (opts: { site?: string; circuit?: string; services?: string; traffic: string; duration?: string }) => `
name: edge
duration: ${opts.duration ?? '6s'}
warmup: 1s
regions:
  eastus: { continent: north-america, location: [37.37, -79.82] }
peering_locations:
  washington-dc: { continent: north-america, location: [38.90, -77.04] }
services:
  vnet: { region: eastus, prefix: 10.20.0.0/16, kind: vnet, gateway: FastPath }
  sql: { region: eastus, prefix: 20.42.0.0/16, kind: paas }
${opts.services ?? ''}
sites:
  dc: { location: [38.95, -77.45], internet: { bandwidth: 10Gbps, delay: 2ms }${opts.site ?? ''} }
circuits:
  er: { site: dc, peering_location: washington-dc, bandwidth: 10Gbps, sku: premium${opts.circuit ?? ''} }
traffic:
${opts.traffic}
`;
const probe = (to: string) => `  - { name: probe, from: dc, to: ${to}, source: { kind: cbr, rate: 1Mbps, packet_size: 1000B } }`;
const bulk = (from: string, to: string, extra = '') => `  - { name: bulk, from: ${from}, to: ${to}, protocol: tcp, app: { kind: bulk }${extra} }`;

describe('edge options from the article', () => {
  it('security appliances add their latency to every packet and cap the throughput through them', () => {
    const plain = rowOf(simulate(scenario({ traffic: probe('sql') })).flows, 'flow', 'probe');
    const inspected = rowOf(simulate(scenario({ site: ', security: { delay: 2ms, throughput: 200Mbps }', traffic: probe('sql') })).flows, 'flow', 'probe');
    expect(num(inspected, 'delay_mean_ms') - num(plain, 'delay_mean_ms')).toBeCloseTo(2 + (8000 / 200e6) * 1000, 3);
    const capped = rowOf(simulate(scenario({ site: ', security: { delay: 1ms, throughput: 200Mbps }', traffic: bulk('dc', 'sql') })).flows, 'flow', 'bulk');
    expect(num(capped, 'throughput_bps')).toBeLessThanOrEqual(200e6 * 1.001);
    expect(num(capped, 'throughput_bps')).toBeGreaterThan(0.9 * 200e6);
  });

  it('the ExpressRoute gateway caps private-peering throughput (ErGw1Az: 1 Gbps)', () => {
    // a 5 Gbps circuit that the site shapes (no policer drops), so the gateway is the bottleneck
    const yaml = scenario({ circuit: ', shaping: true', traffic: bulk('dc', 'vnet'), duration: '2500ms' }).replace('bandwidth: 10Gbps, sku', 'bandwidth: 5Gbps, sku');
    const flow = rowOf(simulate(yaml.replace('gateway: FastPath', 'gateway: ErGw1Az')).flows, 'flow', 'bulk');
    expect(num(flow, 'throughput_bps')).toBeLessThanOrEqual(1e9 * 1.001);
    expect(num(flow, 'throughput_bps')).toBeGreaterThan(0.85e9);
    const fastPath = rowOf(simulate(yaml).flows, 'flow', 'bulk');
    expect(num(fastPath, 'throughput_bps')).toBeGreaterThan(2e9);
  });

  it("forced tunneling sends a VNet's traffic to other services through the on-premises site", () => {
    const app = "  - { name: app, from: vnet, to: sql, protocol: tcp, app: { kind: request_response, request: 1KB, response: 20KB, think: 100ms } }";
    const direct = rowOf(simulate(scenario({ traffic: app })).flows, 'flow', 'app');
    expect(direct.path).toBe('direct'); // inside Microsoft's network
    const tunnelled = rowOf(simulate(scenario({ circuit: ', forced_tunneling: true', traffic: app })).flows, 'flow', 'app');
    expect(tunnelled.path).toBe('expressroute+lan+expressroute');
    expect(num(tunnelled, 'fct_ms')).toBeGreaterThan(num(direct, 'fct_ms') + 4 * 2); // two circuit round trips more
  });

  it('WAN optimizers on private peering multiply the goodput of compressible traffic on a full circuit', () => {
    const run = (circuit: string, compressible: boolean) =>
      num(
        rowOf(
          simulate(
            scenario({ circuit, traffic: bulk('dc', 'vnet', `, compressible: ${compressible}`), duration: '8s' }).replace('bandwidth: 10Gbps, sku', 'bandwidth: 200Mbps, sku'),
          ).flows,
          'flow',
          'bulk',
        ),
        'goodput_bps',
      );
    // the site shapes its egress to the circuit: the circuit is full, and no policer drops decide the goodput
    const plain = run(', shaping: true', true);
    const optimized = run(', shaping: true, wan_optimizer: { ratio: 2 }', true);
    const incompressible = run(', shaping: true, wan_optimizer: { ratio: 2 }', false);
    expect(relativeError(optimized / plain, 2)).toBeLessThan(0.1);
    expect(relativeError(incompressible, plain)).toBeLessThan(0.02);
  });
});
