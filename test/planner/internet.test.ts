import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/planner/geography.js';
import { NS_PER_KM } from '../../src/planner/assumptions.js';
import { parseScenarioText } from '../../src/planner/load.js';
import { num, rowOf, simulate, simulateNetwork } from '../helpers.js';

const SEATTLE: [number, number] = [47.61, -122.33];
const NEW_YORK: [number, number] = [40.71, -74.01];
/** West US 2 in the catalogue. */
const WEST_US_2: [number, number] = [47.23, -119.85];

const planner = (extra = '') => `
name: planner
duration: 5s
regions:
  eastus: { continent: north-america, location: [${NEW_YORK.join(', ')}] }
services:
  m365: { region: eastus, prefix: 52.96.0.0/14 }
sites:
  seattle:
    location: [${SEATTLE.join(', ')}]
    internet: { bandwidth: { down: 200Mbps, up: 100Mbps }, delay: 3ms }
remote_users:
  roaming: { location: [${NEW_YORK.join(', ')}], internet: { bandwidth: 50Mbps, delay: 8ms } }
internet: { stretch: 1.5, bandwidth: 10Gbps }
traffic:
  - { name: probe, from: seattle, to: m365, source: { kind: cbr, rate: 1Mbps, packet_size: 1000B } }
  - { name: remote, from: roaming, to: m365, source: { kind: cbr, rate: 1Mbps, packet_size: 1000B } }
${extra}`;

describe('great-circle distances', () => {
  it('match known city pairs', () => {
    expect(distanceKm(SEATTLE, NEW_YORK)).toBeGreaterThan(3850);
    expect(distanceKm(SEATTLE, NEW_YORK)).toBeLessThan(3880);
    expect(distanceKm(SEATTLE, SEATTLE)).toBe(0);
  });
});

describe('sites, the Internet and services', () => {
  it('puts a site one LAN, access, public Internet and Microsoft-backbone delay away from a service', () => {
    const result = simulate(planner());
    const probe = rowOf(result.flows, 'flow', 'probe');
    // The Internet ends at Microsoft's Seattle edge (0 km away: the 0.1 ms floor of a link); the
    // backbone runs from there to the region at the stretch of the West US 2 (Seattle's Local
    // region) - East US corridor: half the published round trip, (73 + 71) / 2 / 2 = 36 ms, over
    // the great-circle delay between the two (this test puts East US in New York)
    const stretch = 36e6 / (distanceKm(WEST_US_2, NEW_YORK) * NS_PER_KM);
    const backbone = Math.round(distanceKm(SEATTLE, NEW_YORK) * NS_PER_KM * stretch);
    // LAN 100 us at 10 Gbps, access 3 ms at 100 Mbps up, public segment at 10 Gbps, backbone and service 0.1 ms at 400 Gbps
    const ser = (bps: number) => (1000 * 8 * 1e9) / bps;
    const expected = 100_000 + ser(10e9) + 3_000_000 + ser(100e6) + 100_000 + ser(10e9) + backbone + ser(400e9) + 100_000 + ser(400e9);
    expect(num(probe, 'delay_mean_ms')).toBeCloseTo(expected / 1e6, 5);
  });

  it('sends remote users straight over their own ISP, never through a site', () => {
    const network = simulateNetwork(planner());
    const siteAccess = network.links.find((l) => l.name === 'seattle->seattle.isp')!;
    const remoteAccess = network.links.find((l) => l.name === 'roaming->roaming.isp')!;
    // only the site's probe crosses the site's access link, only the remote flow the group's
    expect(siteAccess.stats.txPackets).toBe(network.flows.find((f) => f.name === 'probe')!.txPackets);
    expect(remoteAccess.stats.txPackets).toBe(network.flows.find((f) => f.name === 'remote')!.txPackets);
  });

  it('uses explicit core delays when given', () => {
    const result = simulate(planner().replace('internet: { stretch: 1.5, bandwidth: 10Gbps }', 'internet: { bandwidth: 10Gbps, delays: [{ from: seattle, region: eastus, delay: 40ms }] }'));
    const probe = rowOf(result.flows, 'flow', 'probe');
    expect(num(probe, 'delay_mean_ms')).toBeGreaterThan(43.7);
    expect(num(probe, 'delay_mean_ms')).toBeLessThan(43.9);
  });

  it('tracks the availability of every site and remote group to every service', () => {
    const result = simulate(planner());
    expect(result.availability.map((r) => r.pair).sort()).toEqual(['roaming -> m365', 'seattle -> m365']);
  });

  it('takes a site off the air while its access link is down, then restores it after convergence', () => {
    const yaml = planner()
      .replace('duration: 5s', 'duration: 2000s')
      .replace('internet: { bandwidth: { down: 200Mbps, up: 100Mbps }, delay: 3ms }', 'internet: { bandwidth: 100Mbps, outages: [{ at: 100s, duration: 500s }] }')
      .replace('internet: { stretch: 1.5, bandwidth: 10Gbps }', 'internet: { detection: 180s, convergence: 60s }');
    const row = rowOf(simulate(yaml).availability, 'pair', 'seattle -> m365');
    // down for the 500 s of the outage, and 60 s more until the routes converge again
    expect(num(row, 'unavailable_s')).toBeCloseTo(560, 6);
    expect(num(row, 'outages')).toBe(1);
  });

  it('runs the example internet-only scenario', () => {
    const yaml = readFileSync('scenarios/internet-only.yaml', 'utf8').replace('duration: 120s', 'duration: 22s').replace('replications: 3', 'replications: 1');
    const result = simulate(yaml);
    expect(num(rowOf(result.flows, 'flow', 'download'), 'goodput_bps')).toBeGreaterThan(1e6);
    expect(num(rowOf(result.flows, 'flow', 'audio'), 'delay_mean_ms')).toBeGreaterThan(25);
  });
});

describe('planner-level mistakes', () => {
  const fails = (yaml: string, message: RegExp) => expect(() => parseScenarioText(yaml, 'p.yaml')).toThrow(message);
  it('names the field of an unknown region, service or name clash', () => {
    fails(planner().replace('m365: { region: eastus', 'm365: { region: westeurop'), /p\.yaml:\d+: services\.m365\.region: no region named 'westeurop' in regions: or in the catalogue \(nearest: westeurope, /);
    fails(planner().replace('to: m365, source', 'to: teams, source'), /p\.yaml:\d+: traffic\[0\]\.to: no node, site or service named 'teams'/);
    fails(planner().replace('  m365: { region', '  seattle: { region'), /p\.yaml:\d+: sites\.seattle: 'seattle' is already the name of a service/);
    fails(planner().replace('location: [47.61, -122.33]', 'location: [147.61, -122.33]'), /p\.yaml:\d+: sites\.seattle\.location/);
  });
});
