import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/report/result-tables.js';
import { ersim, tempDir, writeScenario } from './cli-helpers.js';

/** An office whose Internet access is busy with cross traffic, calls and a transfer over a circuit or the Internet. */
const OFFICE = `
name: office
duration: 6s
warmup: 1s
seed: 3
replications: 2
regions: [eastus]
services:
  m365: { region: eastus, kind: saas }
  backup: { region: eastus, kind: paas, expressroute: false }
sites:
  boston:
    location: boston
    users: 100
    internet: { bandwidth: 200Mbps, cross_traffic: { load: 0.5 } }
circuits:
  er: { site: boston, peering_location: washington-dc, bandwidth: 50Mbps, sku: premium }
apps:
  teams-audio: { kind: call, service: m365, calls_per_hour: 2, duration: 8m }
  teams-video: { kind: call, media: video, service: m365, calls_per_hour: 0.3, duration: 15m }
  backup: { kind: transfer, service: backup, transfers_per_hour: 20, size: 5MB, direction: up }
`;

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('ersim sweep on a planner scenario', () => {
  it("names the link and the call behind its maxima, has the calls' Teams figures, and takes run's options", async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const file = writeScenario(dir, 'office.yaml', OFFICE);
    const r = await ersim('sweep', file, '--param', 'sites.boston.users=100,300', '--duration', '4s', '--timeseries', '500ms', '--report', '-o', out, '-q', '--no-cache', '--workers', '2');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const sweep = await parseTable(readFileSync(join(out, 'sweep.csv'), 'utf8'));
    const links = await parseTable(readFileSync(join(out, 'links.csv'), 'utf8'));
    const apps = await parseTable(readFileSync(join(out, 'apps.csv'), 'utf8'));
    const summary = await parseTable(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(summary.every((s) => Number(s.sim_time_s) === 4)).toBe(true); // --duration
    for (const row of sweep) {
      const at = (rows: Record<string, unknown>[], replication: number) => rows.filter((x) => x.point === row.point && Number(x.replication) === replication);
      // the maximum utilization is the named link's, replication by replication
      const perReplication = [0, 1].map((k) => at(links, k).reduce((best, l) => (Number(l.utilization) > Number(best.utilization) ? l : best)));
      expect(perReplication.map((l) => l.link)).toContain(row.max_utilization_link);
      expect(Number(row.max_utilization)).toBeCloseTo(mean(perReplication.map((l) => Number(l.utilization))), 6);
      // the calls' figure is the worst call direction's window p95, as apps.csv has it
      const worst = [0, 1].map((k) => at(apps, k).filter((a) => a.kind === 'call').reduce((m, a) => Math.max(m, Number(a.window_delay_p95_ms)), -Infinity));
      expect(Number(row.call_delay_p95_ms)).toBeCloseTo(mean(worst), 6);
      expect(row.call_delay_p95_call).toMatch(/^boston:teams-(audio|video) (up|down)$/);
      expect(Number(row.targets_met)).toBeGreaterThanOrEqual(0);
    }
    // the Internet access carries the cross traffic: it, not the circuit, is the busiest link
    expect(new Set(sweep.map((s) => s.max_utilization_link))).toEqual(new Set(['boston->boston.isp']));
    // apps.csv and timeseries.csv carry the point; the time series names each point's variant
    expect(apps[0]).toHaveProperty('sites.boston.users');
    const series = readFileSync(join(out, 'timeseries.csv'), 'utf8');
    expect(series).toContain('base @ boston.users=300');
    // the report compares the points as variants: answer and headline per point, legends in full
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<th>base @ boston\.users=100<\/th><th>base @ boston\.users=300<\/th>/);
    expect(html).toContain('data-chart="sweep-call_delay_p95_ms"');
    expect(html).toMatch(/The maximum is that of boston-&gt;boston\.isp/);
    expect(html).not.toMatch(/base @ boston\.users=3…|…<\/text>/);
  });
});
