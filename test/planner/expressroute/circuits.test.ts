import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/planner/load.js';
import { checkScenario } from '../../../src/planner/check.js';
import { num, relativeError, rowOf, simulate, simulateNetwork } from '../../helpers.js';

/** One site near Washington DC, regions on two continents, a circuit at Washington DC. */
const base = (circuit: string, traffic: string, duration = '5s') => `
name: er
duration: ${duration}
regions:
  eastus: { continent: north-america, location: [37.37, -79.82] }
  westeurope: { continent: europe, location: [52.37, 4.90] }
peering_locations:
  washington-dc: { continent: north-america, location: [38.90, -77.04] }
services:
  m365: { region: eastus, prefix: 52.96.0.0/14, kind: saas }
  sql: { region: eastus, prefix: 20.42.0.0/16, kind: paas }
  sql-eu: { region: westeurope, prefix: 20.50.0.0/16, kind: paas }
  vnet: { region: eastus, prefix: 10.20.0.0/16, kind: vnet, gateway: FastPath }
  intune: { region: eastus, prefix: 52.112.0.0/16, kind: saas, expressroute: false }
  dns: { region: eastus, prefix: 13.107.0.0/16, kind: internet }
sites:
  dc: { location: [38.95, -77.45], internet: { bandwidth: 1Gbps, delay: 2ms } }
circuits:
  er: { site: dc, peering_location: washington-dc, ${circuit} }
traffic:
${traffic}`;

const probe = (to: string) => `  - { name: ${to}, from: dc, to: ${to}, source: { kind: cbr, rate: 1Mbps, packet_size: 1000B } }`;
const ALL = ['m365', 'sql', 'sql-eu', 'vnet', 'intune', 'dns'].map(probe).join('\n');

describe('route selection per service', () => {
  it.each([
    ['premium', { m365: 'expressroute', sql: 'expressroute', 'sql-eu': 'expressroute', vnet: 'expressroute', intune: 'internet', dns: 'internet' }],
    ['standard', { m365: 'internet', sql: 'expressroute', 'sql-eu': 'internet', vnet: 'expressroute', intune: 'internet', dns: 'internet' }],
  ])('on a %s circuit', (sku, expected) => {
    const result = simulate(base(`bandwidth: 1Gbps, sku: ${sku}`, ALL));
    for (const [flow, path] of Object.entries(expected)) expect([flow, rowOf(result.flows, 'flow', flow).path]).toEqual([flow, path]);
  });

  it('keeps each peering to its prefixes: without private peering the VNet is unreachable', () => {
    expect(() => {
      const loaded = parseScenarioText(base('bandwidth: 1Gbps, sku: premium, peerings: [microsoft]', probe('vnet')), 'er.yaml');
      checkScenario(loaded);
    }).toThrow(/no route from 'dc.lan' to 'vnet'/);
    const result = simulate(base('bandwidth: 1Gbps, sku: premium, peerings: [private]', [probe('m365'), probe('vnet')].join('\n')));
    expect(rowOf(result.flows, 'flow', 'm365').path).toBe('internet');
    expect(rowOf(result.flows, 'flow', 'vnet').path).toBe('expressroute');
  });
});

describe('circuit capacity and delay', () => {
  it('has the sum of its links\' delays when idle', () => {
    const network = simulateNetwork(base('bandwidth: 1Gbps, sku: premium, access_delay: 3ms', probe('sql')));
    const flow = network.flows.find((f) => f.name === 'sql')!;
    const route = flow.route as unknown as { links(): { links: { delay: number; transmissionTime(b: number): number }[] } };
    const expected = route.links().links.reduce((s, l) => s + l.delay + l.transmissionTime(1000), 0);
    expect(flow.delay.mean).toBeCloseTo(expected, 0);
    expect(flow.delay.max).toBe(flow.delay.mean); // idle: no queueing at all
  });

  const udpFlows = (n: number, rate: string) =>
    Array.from({ length: n }, (_, i) => `  - { name: u${i}, from: dc, to: sql, source: { kind: cbr, rate: ${rate}, packet_size: 1000B } }`).join('\n');

  it.each([true, false])('carries at most its purchased rate per connection, about twice with both up (shaping %s)', (shaping) => {
    // 16 flows of 100 Mbps (1.6 Gbps offered) over a 500 Mbps circuit, split per flow over two connections
    const result = simulate(base(`bandwidth: 500Mbps, sku: premium, shaping: ${shaping}`, udpFlows(16, '100Mbps'), '4s'));
    const perConnection = ['primary', 'secondary'].map((c) => num(rowOf(result.links, 'link', `dc->er.${c}`), 'throughput_bps'));
    for (const t of perConnection) expect(t).toBeLessThanOrEqual(500e6 * 1.001);
    const total = perConnection[0]! + perConnection[1]!;
    expect(total).toBeGreaterThan(1.6 * 500e6);
    expect(total).toBeLessThanOrEqual(2 * 500e6 * 1.001);
  });

  it('uses one connection when the other is down: half the capacity', () => {
    const result = simulate(
      base("bandwidth: 500Mbps, sku: premium, outages: [{ at: 0s, duration: 100s, connection: secondary }]", udpFlows(16, '100Mbps'), '4s'),
    );
    expect(num(rowOf(result.links, 'link', 'dc->er.secondary'), 'tx_packets')).toBe(0);
    expect(relativeError(num(rowOf(result.links, 'link', 'dc->er.primary'), 'throughput_bps'), 500e6)).toBeLessThan(0.01);
  });

  it('falls back to the Internet when the whole circuit fails, after BFD detection', () => {
    const result = simulate(base("bandwidth: 1Gbps, sku: premium, outages: [{ at: 2s, duration: 100s }]", probe('sql'), '6s'));
    const flow = rowOf(result.flows, 'flow', 'sql');
    expect(flow.path).toBe('internet');
    // 1 Mbps of 1000 B: 125 packets/s lost for the 0.9 s of BFD detection (and those in flight)
    expect(num(flow, 'lost_packets')).toBeGreaterThanOrEqual(112);
    expect(num(flow, 'lost_packets')).toBeLessThanOrEqual(115);
  });
});
