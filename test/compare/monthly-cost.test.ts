import { describe, expect, it } from 'vitest';
import { monthlyCost } from '../../src/compare/monthly-cost.js';
import { parseScenarioText } from '../../src/planner/load.js';
import { runReplication } from '../../src/runner/run-replication.js';

/** An office pulling 100 Mbps from a service over a circuit, and pushing 40 Mbps to it. */
const scenario = `
name: egress
duration: 3s
warmup: 1s
regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }
peering_locations: { dc: { continent: north-america, location: [38.9, -77.0] } }
services: { sql: { region: eastus, prefix: 20.42.0.0/16, kind: paas } }
sites: { hq: { location: [42.4, -71.1], users: 10, internet: { bandwidth: 1Gbps } } }
circuits: { er: { site: hq, peering_location: dc, bandwidth: 1Gbps, sku: standard, failures: { mtbf: 100000h, mttr: 1h }, circuit_failures: { mtbf: 100000h, mttr: 1h } } }
traffic:
  - { name: down, from: sql, to: hq, source: { kind: cbr, rate: 100Mbps, packet_size: 1250B } }
  - { name: up, from: hq, to: sql, source: { kind: cbr, rate: 40Mbps, packet_size: 1250B } }
prices: { circuit: { 1Gbps: 1000 }, egress_per_gb: 0.025, hours_per_month: 730 }
`;

describe('monthly cost', () => {
  it('meters the bytes that crossed the circuit out of Microsoft, not what flows say of their path', () => {
    const loaded = parseScenarioText(scenario, 'egress.yaml');
    const result = runReplication(loaded.scenario, { seed: 1, replication: 0 });
    const cost = monthlyCost(loaded.scenario, result.links);
    // 100 Mbps towards the office during the 2 measured seconds: 12.5 MB/s x 3600 x 730 / 1e9 GB
    // x 0.025 per GB = 821.25 a month; the office's 40 Mbps upload is not egress
    expect(cost.egress).toBeCloseTo(821.25, 0);
    expect(cost.circuits).toBe(1000);
  });
});
