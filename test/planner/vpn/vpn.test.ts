import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../../src/planner/check.js';
import { runReplication, type ReplicationResult } from '../../../src/runner/run-replication.js';
import { parseScenarioText } from '../../../src/planner/load.js';
import type { Row } from '../../../src/stats/records.js';
import { num, rowOf, simulate } from '../../helpers.js';

/** An office, a VNet with a VPN gateway in East US; `extra` adds circuits, traffic and the VPN's fields. */
const office = (vpn: string, rest: string, access = '{ bandwidth: 100Mbps, delay: 2ms }') => `
name: vpn
duration: 30s
warmup: 0s
regions: { eastus: { continent: north-america, location: [37.37, -79.82] } }
peering_locations: { washington-dc: { continent: north-america, location: [38.90, -77.04] } }
services:
  vnet: { region: eastus, prefix: 10.20.0.0/16, kind: vnet, gateway: ErGw3Az }
  m365: { region: eastus, kind: saas }
sites:
  boston: { location: [42.36, -71.06], continent: north-america, users: 10, internet: ${access} }
vpns:
  s2s: { site: boston, vnet: vnet${vpn} }
${rest}
`;
const flow = (result: ReplicationResult, name: string): Row => rowOf(result.flows, 'flow', name);

describe('site-to-site VPN', () => {
  it('encapsulation: goodput is the access link rate times MSS / (MSS + 40 + overhead), the MSS clamped to the tunnel MTU', () => {
    const r = simulate(office('', 'traffic:\n  - { name: up, from: boston, to: vnet, protocol: tcp, app: { kind: bulk }, tcp: { receive_window: 256KB } }', '{ bandwidth: { up: 20Mbps, down: 100Mbps }, delay: 2ms }'));
    expect(flow(r, 'up').path).toBe('vpn');
    const access = rowOf(r.links, 'link', 'boston->boston.isp');
    // MSS 1400 - 40 = 1360 B of payload in 1400 + 60 = 1460 B on the Internet (a window that never fills the queue: no loss)
    expect(num(flow(r, 'up'), 'retransmits')).toBe(0);
    // besides the SYN: 60 B, 120 B in the tunnel
    expect((num(flow(r, 'up'), 'tx_bytes') - 60) / (num(flow(r, 'up'), 'tx_packets') - 1)).toBe(1400);
    expect((num(access, 'tx_bytes') - 120) / (num(access, 'tx_packets') - 1)).toBeCloseTo(1460, 6);
    // what is still in the window at the end was sent but not yet delivered: within 1.5%
    const ratio = num(flow(r, 'up'), 'goodput_bps') / num(access, 'throughput_bps');
    expect(Math.abs(ratio - 1360 / 1460)).toBeLessThan(0.015);
    expect(num(access, 'utilization')).toBeGreaterThan(0.95);
  });

  it("the VPN gateway's throughput caps the tunnel", () => {
    const r = simulate(office(', gateway: { bandwidth: 10Mbps }', 'traffic:\n  - { name: up, from: boston, to: vnet, protocol: tcp, app: { kind: bulk } }'));
    const goodput = num(flow(r, 'up'), 'goodput_bps');
    expect(goodput).toBeLessThanOrEqual(10e6 * (1360 / 1460) * 1.001);
    expect(goodput).toBeGreaterThan(0.85 * 10e6 * (1360 / 1460));
  });

  it('backs up private peering: after the circuit fails, detection and convergence, VNet traffic takes the tunnel', () => {
    // 1000 packets/s of 200 B; both connections of the circuit down from 10 s to the end
    const circuit = `circuits:
  er: { site: boston, peering_location: washington-dc, bandwidth: 1Gbps, peerings: [private], convergence: 5s,
        failures: { mtbf: 100000d, mttr: 1s }, circuit_failures: { mtbf: 100000d, mttr: 1s }, outages: [{ at: 10s, duration: 25s }] }
traffic:
  - { name: probe, from: boston, to: vnet, source: { kind: cbr, rate: 1.6Mbps, packet_size: 200B } }`;
    const r = simulate(office('', circuit));
    const probe = flow(r, 'probe');
    expect(probe.path).toBe('vpn');
    // lost while BFD detects (0.9 s) and while routing converges (5 s): 5,900 packets, and the few in flight on the circuit at 10 s
    expect(num(probe, 'lost_packets')).toBeGreaterThanOrEqual(5900);
    expect(num(probe, 'lost_packets')).toBeLessThanOrEqual(5910);
    // exposure, by the route each packet left on: private (circuit) until 10.9 s, towards the
    // Internet's default route during convergence (in clear, and dropped), then the tunnel
    const e = rowOf(r.exposure, 'pair', 'boston -> vnet');
    expect(num(e, 'share_private') + num(e, 'share_internet') + num(e, 'share_vpn')).toBeCloseTo(1, 12);
    expect(num(e, 'share_private')).toBeCloseTo(10.9 / 30, 3);
    expect(num(e, 'share_internet')).toBeCloseTo(5 / 30, 3);
    expect(num(e, 'share_vpn')).toBeCloseTo(14.1 / 30, 3);
    expect(num(e, 'bytes')).toBe(30_000 * 200);
  });
});

describe('remote access VPN', () => {
  const remote = (tunnel: string, circuit = true) =>
    office(
      '',
      `remote_users:
  roaming: { location: [39.95, -75.17], continent: north-america, users: 20, internet: { bandwidth: 50Mbps, delay: 8ms }, vpn: { site: boston, tunnel: ${tunnel} } }
${circuit ? 'circuits:\n  er: { site: boston, peering_location: washington-dc, bandwidth: 1Gbps, sku: premium }' : ''}
vpns: {}
apps:
  intranet: { kind: web, service: vnet, sites: [roaming], requests_per_minute: 6, response: 20KB }
  mail: { kind: web, service: m365, sites: [roaming], requests_per_minute: 6, response: 20KB }`,
    ).replace(/vpns:\n {2}s2s: .*\n/, '');
  const app = (r: ReplicationResult, name: string) => r.apps.find((a) => a.application === name)!;

  // apps.csv names the path of the responses: from the service back to the user
  it("split tunnel: a remote user's intranet traffic crosses the site and private peering, its Microsoft 365 traffic does not", () => {
    const r = simulate(remote('split'));
    expect(app(r, 'intranet').path).toBe('expressroute+vpn');
    expect(flow(r, 'roaming:intranet').path).toBe('vpn+expressroute');
    expect(num(app(r, 'intranet'), 'completed')).toBeGreaterThan(50);
    expect(app(r, 'mail').path).toBe('internet');
    expect(num(rowOf(r.exposure, 'pair', 'roaming -> vnet'), 'share_vpn')).toBe(1);
    expect(num(rowOf(r.exposure, 'pair', 'roaming -> m365'), 'share_internet')).toBe(1);
  });

  it('forced tunnel: Microsoft 365 traffic goes through the site too (and out over its circuit)', () => {
    const r = simulate(remote('forced'));
    expect(app(r, 'intranet').path).toBe('expressroute+vpn');
    expect(flow(r, 'roaming:mail').path).toBe('vpn+lan+expressroute');
    expect(app(r, 'mail').path).toBe('expressroute+lan+vpn');
    expect(num(rowOf(r.exposure, 'pair', 'roaming -> m365'), 'share_vpn')).toBe(1);
    // without a circuit the site sends it on over the Internet: in clear after the tunnel
    const plain = simulate(remote('forced', false));
    expect(flow(plain, 'roaming:mail').path).toBe('vpn+lan+internet');
    expect(num(rowOf(plain.exposure, 'pair', 'roaming -> m365'), 'share_internet')).toBe(1);
    expect(app(plain, 'intranet').path).toBe('none'); // the VNet is reached over private peering only
  });
});

describe("the article's Figures 4 to 6 (scenarios/vpn-to-expressroute.yaml)", () => {
  it('exposure moves from the tunnel to the Internet in clear to private paths; the hair-pin crosses the circuit twice', () => {
    const loaded = parseScenarioText(readFileSync('scenarios/vpn-to-expressroute.yaml', 'utf8').replace(/^duration: .*$/m, 'duration: 8s'), 'vpn-to-expressroute.yaml');
    checkScenario(loaded);
    const runs = new Map(loaded.variants.map((v) => [v.variant, runReplication(v, { seed: v.seed, replication: 0 })]));
    const exposure = (variant: string, pair: string) => rowOf(runs.get(variant)!.exposure, 'pair', pair);
    expect(num(exposure('s2s-vpn', 'app-vnet -> boston'), 'share_vpn')).toBe(1);
    expect(num(exposure('spo-via-vpn', 'app-vnet -> sharepoint-online'), 'share_internet')).toBe(1);
    expect(num(exposure('spo-expressroute', 'app-vnet -> sharepoint-online'), 'share_private')).toBe(1);
    expect(flow(runs.get('spo-expressroute')!, 'app-to-sharepoint').path).toBe('expressroute+lan+expressroute');
    expect(flow(runs.get('spo-via-vpn')!, 'app-to-sharepoint').path).toBe('vpn+lan+internet');
  });
});
