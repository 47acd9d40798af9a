import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/planner/check.js';
import { buildRun } from '../../src/planner/build.js';
import { runReplication } from '../../src/runner/run-replication.js';
import { parseScenarioText } from '../../src/planner/load.js';
import type { Row } from '../../src/stats/records.js';
import { num, twoPathsScenario } from '../helpers.js';

/** Availability of `pair` in each of `n` replications, failures and routing only. */
function replications(yaml: string, pair: string, n: number, availabilityOnly = true): Row[] {
  const loaded = parseScenarioText(yaml, 'inline.yaml');
  checkScenario(loaded, availabilityOnly ? 'availability' : 'packets');
  return Array.from({ length: n }, (_, replication) => {
    const r = runReplication(loaded.scenario, { seed: 1, replication, availabilityOnly });
    return r.availability.find((row) => row.pair === pair)!;
  });
}

/** Mean and 95% confidence half-width (Student t) of a sample. */
function meanCi(xs: number[]): { mean: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const t = n === 20 ? 2.093 : 1.96;
  return { mean, half: (t * sd) / Math.sqrt(n) };
}

describe('availability of a link with exponential up and down times', () => {
  // MTBF 10 h, MTTR 1 h: A = 10 / 11 = 0.9091; 2000 simulated hours per replication
  const yaml = `
name: one-link
duration: 2000h
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms, failures: { mtbf: 10h, mttr: 1h } }
flows:
  - { from: a, to: b, source: { kind: cbr, rate: 1Mbps } }
`;
  it('converges to MTBF / (MTBF + MTTR) within 1% (absolute), inside the 95% CI', () => {
    const rows = replications(yaml, 'a -> b', 20);
    const { mean, half } = meanCi(rows.map((r) => num(r, 'availability')));
    const theory = 10 / 11;
    expect(Math.abs(mean - theory)).toBeLessThan(0.01);
    expect(Math.abs(mean - theory)).toBeLessThanOrEqual(half);
    // the mean time to recover is the MTTR
    const mttr = meanCi(rows.map((r) => num(r, 'mttr_s')));
    expect(Math.abs(mttr.mean - 3600) / 3600).toBeLessThan(0.05);
  });

  it('gives the same availability with packets as in the availability-only mode (same seed)', () => {
    const short = yaml.replace('duration: 2000h', 'duration: 30h');
    const fast = replications(short, 'a -> b', 2, true);
    const full = replications(short, 'a -> b', 2, false);
    expect(full).toEqual(fast);
  }, 20_000); // 30 simulated hours with packets: about 3 s alone, more beside other test files
});

describe('two independent parallel paths with failover', () => {
  const yaml = (detection: string, convergence: string) =>
    twoPathsScenario(`duration: 3000h\nrouting: { detection: ${detection}, convergence: ${convergence} }`, '1Mbps');
  const a1 = 0.9;
  const a2 = 0.8;

  it('is available 1 - (1 - A1)(1 - A2) of the time when failover is instant', () => {
    const rows = replications(yaml('0s', '0s'), 's -> d', 20);
    const { mean, half } = meanCi(rows.map((r) => num(r, 'availability')));
    const theory = 1 - (1 - a1) * (1 - a2);
    expect(Math.abs(mean - theory)).toBeLessThanOrEqual(half);
    expect(half).toBeLessThan(0.005);
  });

  it('loses exactly detection + convergence at each failover to a backup that is up', () => {
    const scheduled = `
name: failover
duration: 24h
routing: { detection: 30s, convergence: 90s }
nodes: [s, x, y, d]
links:
  - { from: s, to: x, bandwidth: 1Gbps, delay: 1ms, outages: [{ at: 1h, duration: 1h }, { at: 5h, duration: 2h }, { at: 10h, duration: 10m }] }
  - { from: x, to: d, bandwidth: 1Gbps, delay: 1ms }
  - { from: s, to: y, bandwidth: 1Gbps, delay: 5ms }
  - { from: y, to: d, bandwidth: 1Gbps, delay: 1ms }
flows:
  - { from: s, to: d, source: { kind: cbr, rate: 1Mbps } }
`;
    const [row] = replications(scheduled, 's -> d', 1);
    expect(num(row!, 'outages')).toBe(3);
    expect(num(row!, 'unavailable_s')).toBe(3 * 120);
    expect(num(row!, 'mttr_s')).toBe(120);
    // away to the backup and back to the preferred path, three times
    expect(num(row!, 'route_changes')).toBe(6);
  });

  it('with random failures of the preferred path, each costs detection + convergence', () => {
    const rows = replications(yaml('30s', '90s').replace(/failures: \{ mtbf: 4h, mttr: 1h \} /, ''), 's -> d', 5);
    for (const row of rows) {
      expect(num(row, 'outages')).toBeGreaterThan(250); // about 3000 h / 10 h
      // repairs faster than the 30 s detection cost their own duration, so slightly less than 120 s each
      expect(num(row, 'mttr_s')).toBeGreaterThan(115);
      expect(num(row, 'mttr_s')).toBeLessThanOrEqual(120);
    }
  });
});

describe('availability-only runs build no traffic', () => {
  it('a year of a planner scenario with calls: no application, no call windows (a year of 200 ms windows is 2.5 GB per call direction)', () => {
    const loaded = parseScenarioText(
      `
name: year
duration: 365d
regions: [eastus]
services:
  m365: { region: eastus, kind: saas }
sites:
  boston: { location: boston, users: 100, internet: { bandwidth: 1Gbps, failures: { mtbf: 30d, mttr: 4h } } }
apps:
  teams: { kind: call, service: m365, calls_per_hour: 1, duration: 8m }
`,
      'year.yaml',
    );
    checkScenario(loaded, 'availability');
    const run = buildRun(loaded.scenario, { seed: 1, replication: 0, availabilityOnly: true });
    expect(run.apps).toHaveLength(0);
    // yet its pair is tracked: the site to the service, available about MTBF / (MTBF + MTTR) of the year
    const result = runReplication(loaded.scenario, { seed: 1, replication: 0, availabilityOnly: true });
    const pair = result.availability.find((r) => r.pair === 'boston -> m365')!;
    expect(num(pair, 'availability')).toBeGreaterThan(0.98);
    expect(num(pair, 'availability')).toBeLessThan(1);
  });
});
