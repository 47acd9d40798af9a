import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/report/result-tables.js';
import { ersim, tempDir, writeScenario } from './cli-helpers.js';

const DESIGN = `
name: design
duration: 6s
warmup: 2s
seed: 4
replications: 2
services:
  m365: { region: eastus, kind: saas }
  erp: { region: eastus, kind: vnet }
sites:
  boston: { location: boston, users: 50, internet: { bandwidth: 1Gbps } }
apps:
  calls: { kind: call, service: m365, calls_per_hour: 6 }
  erp-web: { kind: web, service: erp, requests_per_minute: 6, response: 40KB }
variants:
  internet-only: {}
  expressroute:
    circuits:
      er: { site: boston, peering_location: washington-dc, bandwidth: 200Mbps, sku: premium }
`;

describe('ersim whatif', () => {
  it('fails each connection, the circuit and the Internet access of a design, and ranks them by impact', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'design.yaml', DESIGN);
    const out = join(dir, 'out');
    const r = await ersim('whatif', file, '--variant', 'expressroute', '--out', out, '--no-cache', '--workers', '1', '-q', '--report');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const failures = await parseTable(readFileSync(join(out, 'failures.csv'), 'utf8'));
    // both take one pair down for the whole run; the circuit's also stops the ERP's transactions
    expect(failures.map((f) => f.failure)).toEqual(['er:down', 'boston.internet:down', 'er.primary:down', 'er.secondary:down']);
    const [circuit, internet, primary, secondary] = failures;
    // the Internet access down: Microsoft 365 needs DNS and certificate revocation, which never use the circuit
    expect(internet!.what).toMatch(/boston -> m365 0\.0% available/);
    expect(internet!.unavailable_pairs).toBe(1);
    // the circuit down: the VNet is out of reach (no VPN), and its transactions never complete
    expect(circuit!.what).toMatch(/boston -> erp 0\.0% available/);
    expect(String(circuit!.worst_completion_p95_ratio)).toBe('Infinity');
    // one connection down: the other carries everything, nothing becomes unavailable, the calls still pass
    for (const one of [primary!, secondary!]) {
      expect(one.unavailable_pairs).toBe(0);
      expect(one.calls_failing_targets).toBe(0);
    }
    // the report answers first: the ranked failures before the headline table
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report.indexOf('<table id="failures">')).toBeGreaterThan(0);
    expect(report.indexOf('<table id="failures">')).toBeLessThan(report.indexOf('<table id="headline">'));
    expect(report).toMatch(/<table id="failures">.*?<tr><td>1<\/td><td>er:down<\/td>/s);
    // and before them, per site and variant, pass or fail and why
    expect(report.indexOf('<table id="answer">')).toBeLessThan(report.indexOf('<table id="failures">'));
    expect(report).toMatch(/<tr><td>boston<\/td>.*data-variant="er:down">fail: erp: 0\.00% available/s);
    // every failure variant against the intact design in comparison.csv
    const comparison = readFileSync(join(out, 'comparison.csv'), 'utf8').split('\n')[0]!;
    for (const name of ['expressroute', 'er:down', 'boston.internet:down']) expect(comparison).toContain(name);
  }, 120_000);

  it('names a variant that does not exist', async () => {
    const dir = tempDir();
    const r = await ersim('whatif', writeScenario(dir, 'd.yaml', DESIGN), '--variant', 'nope', '-q', '--no-cache');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--variant nope: .* has no such variant \(it has internet-only, expressroute\)/);
  });
});
