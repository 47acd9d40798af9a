import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../../src/planner/check.js';
import { runReplication } from '../../../src/runner/run-replication.js';
import { parseScenarioText } from '../../../src/planner/load.js';
import { num, rowOf, simulate } from '../../helpers.js';

const site = `
regions:
  eastus: { continent: north-america, location: [37.37, -79.82] }
peering_locations:
  washington-dc: { continent: north-america, location: [38.90, -77.04] }
sites:
  dc: { location: [38.95, -77.45], internet: { bandwidth: 1Gbps, delay: 2ms } }
`;

describe('QoS on the circuit', () => {
  /** Voice (EF) and eight bulk TCP flows to a service over a saturated 100 Mbps circuit, which the site shapes (QoS acts where a queue builds: at its shaper). */
  const mix = (kind: string) => `
name: qos
duration: 20s
warmup: 5s
${site}
services:
  target: { region: eastus, prefix: 10.30.0.0/16, kind: ${kind}${kind === 'vnet' ? ', gateway: FastPath' : ''} }
circuits:
  er: { site: dc, peering_location: washington-dc, bandwidth: 100Mbps, sku: premium, shaping: true }
traffic:
  - { name: voice, from: dc, to: target, dscp: EF, source: { kind: cbr, rate: 64kbps, packet_size: 200B } }
${Array.from({ length: 8 }, (_, i) => `  - { name: bulk${i}, from: dc, to: target, protocol: tcp, app: { kind: bulk } }`).join('\n')}
`;

  it('keeps EF voice fast and lossless on Microsoft peering while bulk TCP saturates the circuit', () => {
    const result = simulate(mix('paas'));
    const voice = rowOf(result.flows, 'flow', 'voice');
    const bulk = result.flows.filter((f) => String(f.flow).startsWith('bulk') && !String(f.flow).includes('.'));
    const carried = bulk.reduce((s, f) => s + num(f, 'throughput_bps'), 0);
    expect(carried).toBeGreaterThan(0.9 * 2 * 100e6); // both connections busy
    expect(num(voice, 'lost_packets')).toBe(0);
    // voice waits at most for one bulk packet ahead of it on each hop
    expect(num(voice, 'delay_p99_ms') - num(voice, 'delay_p50_ms')).toBeLessThan(0.5);
  });

  it('does not protect it on private peering, where DSCP is reset to 0', () => {
    const microsoft = rowOf(simulate(mix('paas')).flows, 'flow', 'voice');
    const priv = rowOf(simulate(mix('vnet')).flows, 'flow', 'voice');
    expect(num(priv, 'delay_p99_ms')).toBeGreaterThan(num(microsoft, 'delay_p99_ms') + 5);
    // it waits behind the bulk flows' queue, not just behind one packet
    expect(num(priv, 'delay_mean_ms')).toBeGreaterThan(num(microsoft, 'delay_mean_ms') + 5);
  });
});

describe('circuit availability', () => {
  /** A VNet reachable only over the circuit: the pair is up exactly when the circuit is. */
  const vnetOnly = (circuit: string) => `
name: availability
duration: 20000h
${site}
services:
  vnet: { region: eastus, prefix: 10.20.0.0/16, kind: vnet }
circuits:
  er: { site: dc, peering_location: washington-dc, bandwidth: 1Gbps, ${circuit} }
`;
  const availability = (yaml: string, replications: number) => {
    const loaded = parseScenarioText(yaml, 'a.yaml');
    checkScenario(loaded, 'availability');
    return Array.from({ length: replications }, (_, replication) =>
      num(runReplication(loaded.scenario, { seed: 3, replication, availabilityOnly: true }).availability[0]!, 'availability'),
    );
  };
  const meanCi = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    return { mean, half: (2.093 * sd) / Math.sqrt(xs.length) };
  };

  it('matches the 99.95% SLA with the default failure model', () => {
    const { mean, half } = meanCi(availability(vnetOnly('sku: standard'), 20));
    expect(Math.abs(mean - 0.9995)).toBeLessThanOrEqual(half);
    expect(half).toBeLessThan(0.0003);
  });

  it('with independent connections only, matches 1 - (1 - a)^2', () => {
    // each connection up 20 h, down 5 h: a = 0.8; the circuit needs one of two: 0.96
    const yaml = vnetOnly('failures: { mtbf: 20h, mttr: 5h }, circuit_failures: { mtbf: 1000000d, mttr: 1s }').replace('20000h', '5000h');
    const { mean, half } = meanCi(availability(yaml, 20));
    expect(Math.abs(mean - (1 - 0.2 ** 2))).toBeLessThanOrEqual(Math.max(half, 0.002));
  });
});
