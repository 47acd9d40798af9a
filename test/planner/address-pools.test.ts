import { describe, expect, it } from 'vitest';
import { formatPrefix, prefixContains, prefixKey, type Prefix } from '../../src/core/prefix.js';
import { ADDRESS_POOLS } from '../../src/planner/address-pools.js';
import { plannerNetwork } from '../../src/planner/build.js';
import { checkScenario } from '../../src/planner/check.js';
import { parseScenarioText } from '../../src/planner/load.js';

const NODE_HOSTS: Prefix = { address: 0x0a000000, length: 16 };
const last = (pool: (typeof ADDRESS_POOLS)[keyof typeof ADDRESS_POOLS]): Prefix => pool.subnet(pool.size - 1)!;
const end = (p: Prefix): number => p.address + 2 ** (32 - p.length) - 1;

/** A planner's scenario with `sites` sites and `services` services, none with a prefix of its own. */
function enterprise(sites: number, services: number): string {
  const lines = [
    'name: many',
    'duration: 1s',
    'regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }',
    'services:',
    ...Array.from({ length: services }, (_, i) => `  s${i}: { region: eastus }`),
    'sites:',
    ...Array.from({ length: sites }, (_, i) => `  o${i}: { location: [40, -75], users: 10, internet: { bandwidth: 100Mbps } }`),
  ];
  return lines.join('\n');
}

describe("the planner's default address pools", () => {
  it('hand out disjoint subnets of their ranges, in order, apart from the nodes\' host addresses', () => {
    expect(formatPrefix(ADDRESS_POOLS.sites.subnet(0)!)).toBe('10.1.0.0/20');
    expect(formatPrefix(ADDRESS_POOLS.sites.subnet(1)!)).toBe('10.1.16.0/20');
    expect(formatPrefix(last(ADDRESS_POOLS.sites))).toBe('10.255.240.0/20');
    expect(formatPrefix(ADDRESS_POOLS.services.subnet(4095)!)).toBe('198.18.255.240/28');
    expect(formatPrefix(ADDRESS_POOLS.nat.subnet(1)!)).toBe('198.19.0.16/28');
    expect(formatPrefix(ADDRESS_POOLS.vpnGateways.subnet(0)!)).toBe('240.0.0.1/32');
    expect(ADDRESS_POOLS.sites.subnet(ADDRESS_POOLS.sites.size)).toBeUndefined();
    expect(ADDRESS_POOLS.services.subnet(-1)).toBeUndefined();
    // the ranges (first to last subnet) overlap neither each other nor 10.0.0.0/16
    const ranges = [...Object.values(ADDRESS_POOLS).map((pool) => [pool.subnet(0)!.address, end(last(pool))] as const), [NODE_HOSTS.address, end(NODE_HOSTS)] as const];
    ranges.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]![0]).toBeGreaterThan(ranges[k - 1]![1]);
    expect(prefixContains(NODE_HOSTS, ADDRESS_POOLS.sites.subnet(0)!.address)).toBe(false);
  });

  it('gives 1,000 services and 1,000 sites distinct prefixes, and a network that validates', () => {
    const many = parseScenarioText(enterprise(1000, 1000), 'many.yaml').scenario;
    const prefixes = [...many.planner.services.map((s) => s.prefix), ...many.planner.sites.flatMap((s) => [s.prefix, s.natPrefix!])];
    expect(new Set(prefixes.map(prefixKey)).size).toBe(3000);
    const { network } = plannerNetwork(many);
    expect(network.prefixes.length).toBeGreaterThan(3000);
    // the whole check (routes, reachability) on a network of 1,000 services
    expect(() => checkScenario(parseScenarioText(enterprise(2, 1000), 'services.yaml'))).not.toThrow();
  }, 30_000); // a 1,000-service network built and routed twice: seconds, more beside other test files

  it('says which field to set when a pool runs out, at its line', () => {
    const text = enterprise(1, 4097);
    expect(() => parseScenarioText(text, 'huge.yaml')).toThrow(
      /^huge\.yaml:4101: services\.s4096\.prefix: the default addresses for services \(198\.18\.0\.0-198\.18\.255\.255, \/28 each\) run out after 4096: set prefix$/,
    );
  });
});
