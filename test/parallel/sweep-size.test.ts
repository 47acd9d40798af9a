import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepPoints } from '../../src/parallel/sweep.js';
import { ersim, tempDir, writeScenario } from '../cli/cli-helpers.js';

const CIRCUIT_SCENARIO = `
name: sizing
duration: 3s
warmup: 500ms
seed: 2
replications: 2
regions:
  eastus: { continent: north-america, location: [37.37, -79.82] }
peering_locations:
  washington-dc: { continent: north-america, location: [38.90, -77.04] }
services:
  sql: { region: eastus, prefix: 20.42.0.0/16, kind: paas }
sites:
  dc: { location: [38.95, -77.45], users: 100, internet: { bandwidth: 1Gbps } }
apps:
  voice-calls: { kind: call, service: sql, calls_per_hour: 6, media: audio }
circuits:
  er: { site: dc, peering_location: washington-dc, bandwidth: 100Mbps, sku: premium }
prices:
  circuit: { 200Mbps: 1100, 500Mbps: 1500, 1Gbps: 2700 }
traffic:
  - { name: load, from: dc, to: sql, source: { kind: poisson, rate: 300Mbps, packet_size: 1200B } }
  - { name: voice, from: dc, to: sql, dscp: EF, source: { kind: cbr, rate: 64kbps, packet_size: 200B } }
`;

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('sweep points', () => {
  it('form the grid, or pair values with --zip', () => {
    const a = { path: 'a', values: [1, 2] };
    const b = { path: 'b', values: ['x', 'y'] };
    expect(sweepPoints([a, b], false)).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
    expect(sweepPoints([a, b], true)).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
  });
});

describe('ersim sweep', () => {
  it('writes one row per point with means and CIs, identical for 1, 2 and 4 workers', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', CIRCUIT_SCENARIO);
    for (const n of ['1', '2', '4']) {
      const r = await ersim('sweep', file, '--param', 'circuits.er.bandwidth=200Mbps,500Mbps', '--out', join(dir, n), '-q', '--no-cache', '--workers', n);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    for (const f of ['sweep.csv', 'flows.csv', 'links.csv']) {
      expect(read(join(dir, '2'), f)).toBe(read(join(dir, '1'), f));
      expect(read(join(dir, '4'), f)).toBe(read(join(dir, '1'), f));
    }
    const rows = read(join(dir, '1'), 'sweep.csv').trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^point,circuits\.er\.bandwidth,variant,replications,throughput_bps,throughput_bps_ci95,/);
    const util = (line: string) => Number(line.split(',')[rows[0]!.split(',').indexOf('max_utilization')]);
    // 300 Mbps on one connection: full at 200 Mbps, 60% at 500 Mbps
    expect(util(rows[1]!)).toBeGreaterThan(0.99);
    expect(util(rows[2]!)).toBeCloseTo(0.6, 1);
  });

  it('rejects a malformed parameter', async () => {
    const r = await ersim('sweep', 'x.yaml', '--param', 'circuits.er.bandwidth');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--param/);
  });
});

describe('ersim size', () => {
  it('picks the smallest SKU that keeps 30% headroom for a 300 Mbps load: 500 Mbps', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', CIRCUIT_SCENARIO);
    const r = await ersim('size', file, '--circuit', 'er', '-q', '--no-cache', '--workers', '2');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/circuit 'er': 500Mbps \(1500 per month\)/);
    // the evidence: 50, 100 and 200 Mbps fail, 500 Mbps passes, nothing larger is tried
    expect(r.out.match(/^\d+[MG]bps .* no /gm)).toHaveLength(3);
    expect(r.out).not.toMatch(/^1Gbps/m);
    // the calls, judged as compare judges them (2 directions x 2 replications), meet the targets on
    // the circuit that fits; on the saturated 50 Mbps one Microsoft's policer drops packets whatever
    // their marking (it does not queue, so EF gains nothing there): calls fail. Its load is the
    // demand, what the largest SKU carries: about 300 Mbps, six times 50 Mbps
    expect(r.out).toMatch(/^500Mbps +6\d\.\d .* 4\/4 +yes/m);
    expect(r.out).toMatch(/^50Mbps +(59\d|60\d)\.\d .* [0-3]\/4 +no/m);
  });

  it('asks for more capacity with more headroom', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', CIRCUIT_SCENARIO);
    const r = await ersim('size', file, '--circuit', 'er', '--headroom', '50%', '-q', '--no-cache', '--workers', '2');
    expect(r.out).toMatch(/circuit 'er': 1Gbps/);
  });

  it('names a circuit that does not exist', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', CIRCUIT_SCENARIO);
    const r = await ersim('size', file, '--circuit', 'nope');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no circuit named 'nope'/);
  });
});
