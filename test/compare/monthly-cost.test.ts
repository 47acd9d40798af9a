import { describe, expect, it } from 'vitest';
import { missingPrices, monthlyBill, monthlyTotal } from '../../src/compare/monthly-cost.js';
import { parseScenarioText } from '../../src/planner/load.js';
import { runReplication } from '../../src/runner/run-replication.js';
import { ersim, tempDir, writeScenario } from '../cli/cli-helpers.js';

/** An office pulling 100 Mbps from a service over a Premium circuit, pushing 40 Mbps to it, with a VNet behind ErGw2Az and a VPN. */
const scenario = (circuit = 'sku: premium', prices = PRICES) => `
name: egress
duration: 3s
warmup: 1s
services:
  sql: { region: eastus, kind: paas }
  app: { region: eastus, kind: vnet, gateway: ErGw2Az }
sites: { hq: { location: boston, users: 10, internet: { bandwidth: 1Gbps } } }
circuits: { er: { site: hq, peering_location: washington-dc, bandwidth: 1Gbps, ${circuit}, failures: { mtbf: 100000h, mttr: 1h }, circuit_failures: { mtbf: 100000h, mttr: 1h } } }
vpns: { backup: { site: hq, vnet: app, gateway: VpnGw1 } }
traffic:
  - { name: down, from: sql, to: hq, source: { kind: cbr, rate: 100Mbps, packet_size: 1250B } }
  - { name: up, from: hq, to: sql, source: { kind: cbr, rate: 40Mbps, packet_size: 1250B } }
prices: ${prices}
`;
const PRICES = `{ circuit: { 1Gbps: 1000 }, premium: { 1Gbps: 500 }, provider_port: { 1Gbps: 300 }, egress_per_gb: { zone1: 0.025 }, er_gateway: { ErGw2Az: 400 }, vpn_gateway: { VpnGw1: 140 }, internet: { 1Gbps: 900 }, hours_per_month: 730 }`;

const bill = (yaml: string) => {
  const loaded = parseScenarioText(yaml, 'egress.yaml');
  return monthlyBill(loaded.scenario, runReplication(loaded.scenario, { seed: 1, replication: 0 }).links);
};

describe('the monthly bill', () => {
  it('itemizes every line and adds up to the hand-computed total', () => {
    const lines = bill(scenario());
    const of = (item: string) => lines.find((l) => l.item === item)!;
    expect(of('circuit (metered)').monthly).toBe(1000);
    expect(of('premium add-on').monthly).toBe(500);
    expect(of('provider port').monthly).toBe(300);
    // 100 Mbps towards the office (Washington DC is zone 1) during the 2 measured seconds: 12.5 MB/s
    // x 3600 x 730 / 1e9 = 32,850 GB x 0.025 = 821.25 a month; the office's 40 Mbps upload is not egress
    expect(of('egress (zone 1)').quantity).toBeCloseTo(32_850, -1);
    expect(of('egress (zone 1)').monthly).toBeCloseTo(821.25, 0);
    expect(of('ExpressRoute gateway').monthly).toBe(400);
    expect(of('VPN gateway').monthly).toBe(140);
    expect(of('Internet access').monthly).toBe(900);
    expect(monthlyTotal(lines)).toBeCloseTo(1000 + 500 + 300 + 821.25 + 400 + 140 + 900, 0);
  });

  it('an unlimited plan and a Local circuit pay no egress', () => {
    const unlimited = bill(scenario('sku: premium, data_plan: unlimited', PRICES.replace('circuit: { 1Gbps: 1000 }', 'circuit_unlimited: { 1Gbps: 1800 }')));
    expect(unlimited.some((l) => l.item.startsWith('egress'))).toBe(false);
    expect(unlimited.find((l) => l.item === 'circuit (unlimited)')!.monthly).toBe(1800);
    const local = bill(scenario('sku: local'));
    expect(local.some((l) => l.item.startsWith('egress') || l.item === 'premium add-on')).toBe(false);
  });

  it('names every priced thing without a price, and compare refuses to run', async () => {
    const loaded = parseScenarioText(scenario('sku: premium', '{ circuit: { 1Gbps: 1000 }, internet_per_mbps: 1 }'), 'p.yaml');
    expect(missingPrices(loaded.scenario)).toEqual([
      'prices.premium.1Gbps (circuit er)',
      'prices.egress_per_gb (zone 1: circuit er)',
      'prices.er_gateway.ErGw2Az (VNet app)',
      'prices.vpn_gateway.VpnGw1 (VNet app)',
    ]);
    const dir = tempDir();
    const yaml = `${scenario('sku: premium', '{ circuit: { 1Gbps: 1000 }, internet_per_mbps: 1 }')}variants: { a: {}, b: {} }\n`;
    const r = await ersim('compare', writeScenario(dir, 'p.yaml', yaml), '-q', '--no-cache', '--out', `${dir}/out`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/prices: the scenario prices its design but not everything it uses; set prices\.premium\.1Gbps \(circuit er\) in variant a/);
  });
});
