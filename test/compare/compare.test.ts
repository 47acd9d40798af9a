import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ersim, tempDir, writeScenario } from '../cli/cli-helpers.js';

type CsvRow = Record<string, string>;
/** Our CSV files hold no quoted fields. */
function readCsv(dir: string, file: string): CsvRow[] {
  const [header, ...lines] = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i]!, cell])));
}

/** An office 400 km from its Azure region, a peering location, Teams and SharePoint users. */
const scenario = (variants: string, internet = '{ bandwidth: 1Gbps, delay: 3ms }') => `
name: compare-test
duration: 12s
warmup: 2s
seed: 4
replications: 3
regions: { eastus: { continent: north-america, location: [37.37, -79.82] } }
peering_locations:
  washington-dc: { continent: north-america, location: [38.90, -77.04] }
  seattle: { continent: north-america, location: [47.61, -122.33] }
services: { m365: { region: eastus, kind: saas } }
sites:
  boston: { location: [42.36, -71.06], continent: north-america, users: 300, internet: ${internet} }
apps:
  audio: { kind: call, service: m365, calls_per_hour: 2, duration: 5m }
  web: { kind: web, service: m365, requests_per_minute: 2, response: 100KB }
prices: { circuit: { 1Gbps: 2700 }, premium: { 1Gbps: 1100 }, egress_per_gb: 0.025, internet_per_mbps: 1 }
variants:
${variants}
`;
const circuit = (location: string) => `{ site: boston, peering_location: ${location}, bandwidth: 1Gbps, sku: premium, peerings: [microsoft] }`;

async function compare(text: string): Promise<{ rows: CsvRow[]; dir: string; out: string }> {
  const dir = tempDir();
  const file = writeScenario(dir, 'compare.yaml', text);
  const out = join(dir, 'out');
  const result = await ersim('compare', file, '-o', out, '--workers', '1', '--no-cache', '-q');
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return { rows: readCsv(out, 'comparison.csv'), dir, out };
}
const metric = (rows: CsvRow[], application: string, direction: string, name: string): CsvRow =>
  rows.find((r) => r.application === application && r.direction === direction && r.metric === name)!;

describe('ersim compare', () => {
  it('common random numbers: two identical variants give identical results and a zero difference', async () => {
    const { rows, out } = await compare(scenario('  a: {}\n  b: {}'));
    const apps = readCsv(out, 'apps.csv');
    const strip = (r: CsvRow) => JSON.stringify({ ...r, variant: '' });
    expect(apps.filter((r) => r.variant === 'b').map(strip)).toEqual(apps.filter((r) => r.variant === 'a').map(strip));
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      if (r.a === '') continue;
      expect(Number(r.b_diff)).toBe(0);
      expect(r.b_significant).toBe('no');
    }
    expect(Number(metric(rows, 'audio', 'up', 'mos').replications)).toBe(3);
  });

  it('a circuit that is clearly better: a lossy Internet path loses to the circuit, significantly', async () => {
    const lossy = '{ bandwidth: 1Gbps, delay: 3ms, loss: { gilbert: { p: 0.01, r: 0.3 } } }';
    const { rows, out } = await compare(scenario(`  internet: {}\n  circuit: { circuits: { er: ${circuit('washington-dc')} } }`, lossy));
    const mos = metric(rows, 'audio', 'up', 'mos');
    expect(Number(mos.internet)).toBeLessThan(4.2);
    expect(Number(mos.circuit_diff)).toBeGreaterThan(0.1);
    expect(mos.circuit_significant).toBe('yes');
    const loss = metric(rows, 'audio', 'up', 'loss_ratio');
    expect(Number(loss.circuit_diff)).toBeLessThan(0);
    expect(loss.circuit_significant).toBe('yes');
    const cost = metric(rows, 'cost', '', 'monthly_cost');
    expect(Number(cost.internet)).toBe(1000); // 1000 Mbps x 1
    // the circuit, its Premium add-on and the metered egress of the calls and pages it carried
    const bill = readCsv(out, 'cost.csv').filter((r) => r.variant === 'circuit');
    const egress = Number(bill.find((r) => r.item === 'egress (zone 1)')!.monthly);
    expect(egress).toBeGreaterThan(0);
    expect(Number(cost.circuit_diff)).toBeCloseTo(2700 + 1100 + egress, 6);
    expect(Number(bill.find((r) => r.item === 'total')!.monthly)).toBeCloseTo(Number(cost.circuit), 6);
  });

  it('a circuit that is clearly worse: peering on the far coast adds the cross-country round trip, significantly', async () => {
    const { rows } = await compare(scenario(`  internet: {}\n  far-circuit: { circuits: { er: ${circuit('seattle')} } }`));
    const delay = metric(rows, 'audio', 'up', 'delay_mean_ms');
    // Boston -> Seattle -> East US is about 3,900 + 3,700 km of fibre instead of about 900 km
    expect(Number(delay['far-circuit_diff'])).toBeGreaterThan(25);
    expect(delay['far-circuit_significant']).toBe('yes');
    const web = metric(rows, 'web', 'down', 'completion_mean_s');
    expect(Number(web['far-circuit_diff'])).toBeGreaterThan(0);
    expect(web['far-circuit_significant']).toBe('yes');
  });

  it('gives byte-identical apps.csv and comparison.csv with 1 and 2 workers', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'w.yaml', scenario(`  internet: {}\n  circuit: { circuits: { er: ${circuit('washington-dc')} } }`));
    for (const n of ['1', '2']) expect((await ersim('compare', file, '-o', join(dir, n), '--workers', n, '--no-cache', '-q')).code).toBe(0);
    for (const f of ['apps.csv', 'comparison.csv', 'flows.csv']) expect(readFileSync(join(dir, '2', f), 'utf8')).toBe(readFileSync(join(dir, '1', f), 'utf8'));
  });

  it('needs at least two variants', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'one.yaml', scenario('  only: {}'));
    const result = await ersim('compare', file, '-o', join(dir, 'out'), '--workers', '1', '-q');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/at least two variants/);
  });
});
