import type { Row } from '../stats/records.js';

/** What a failure variant does against the baseline, one row of failures.csv. */
export interface FailureImpact extends Row {
  rank: number;
  failure: string;
  kind: string;
  /** (site, service) pairs less available than in the baseline, and by how much in total (fractions of the run). */
  unavailable_pairs: number;
  availability_loss: number;
  /** Calls (site, application, direction) that meet the Teams targets less often than in the baseline. */
  calls_failing_targets: number;
  worst_call_delay_p95_ms: number;
  /** The largest p95 completion time of a web or transfer application over its baseline value (Infinity: none completed). */
  worst_completion_p95_ratio: number;
  sites_affected: string;
  what: string;
}

const mean = (xs: readonly number[]): number => {
  const finite = xs.filter((x) => !Number.isNaN(x));
  return finite.length === 0 ? NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
};

/** Rows grouped by key, one column's mean over replications. */
function means(rows: readonly Row[], variant: string, key: (r: Row) => string, column: string): Map<string, number> {
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    if (r.variant !== variant) continue;
    const k = key(r);
    let list = groups.get(k);
    if (list === undefined) groups.set(k, (list = []));
    list.push(r[column] as number);
  }
  return new Map([...groups].map(([k, xs]) => [k, mean(xs)]));
}

/**
 * Each failure variant against the baseline (same seeds, so the differences are the failure's),
 * ranked: the most availability lost first, then the most calls pushed below the Teams targets,
 * then the largest slow-down of transactions.
 */
export function failureImpacts(
  baseline: string,
  failures: readonly { name: string; kind: string }[],
  apps: readonly Row[],
  availability: readonly Row[],
): FailureImpact[] {
  const pairKey = (r: Row): string => String(r.pair);
  const appKey = (r: Row): string => [r.site, r.application, r.direction].join('\u0000');
  const siteOfPair = (pair: string): string => pair.split(' -> ')[0] ?? pair;
  const baseAvailability = means(availability, baseline, pairKey, 'availability');
  const calls = apps.filter((a) => a.kind === 'call');
  const transactions = apps.filter((a) => a.kind === 'web' || a.kind === 'transfer');
  const baseTargets = means(calls, baseline, appKey, 'targets_met');
  const baseCompletion = means(transactions, baseline, appKey, 'completion_p95_s');

  const impacts = failures.map((f): FailureImpact => {
    const sites = new Set<string>();
    const what: string[] = [];
    let unavailable = 0;
    let loss = 0;
    for (const [pair, a] of means(availability, f.name, pairKey, 'availability')) {
      const drop = (baseAvailability.get(pair) ?? NaN) - a;
      if (!(drop > 1e-9)) continue;
      unavailable++;
      loss += drop;
      sites.add(siteOfPair(pair));
      what.push(`${pair} ${(100 * a).toFixed(1)}% available`);
    }
    let failing = 0;
    for (const [k, met] of means(calls, f.name, appKey, 'targets_met')) {
      if (!(met < (baseTargets.get(k) ?? NaN))) continue;
      failing++;
      const [site, application, direction] = k.split('\u0000');
      sites.add(site!);
      what.push(`${site} ${application} ${direction}: targets met ${(100 * met).toFixed(0)}%`);
    }
    const delays = means(calls, f.name, appKey, 'window_delay_p95_ms');
    let worstRatio = 1;
    for (const [k, p95] of means(transactions, f.name, appKey, 'completion_p95_s')) {
      const base = baseCompletion.get(k) ?? NaN;
      if (!Number.isFinite(base) || base <= 0) continue;
      const ratio = Number.isNaN(p95) ? Infinity : p95 / base;
      if (ratio > worstRatio) worstRatio = ratio;
      if (ratio > 1.5) sites.add(k.split('\u0000')[0]!);
    }
    return {
      rank: 0,
      failure: f.name,
      kind: f.kind,
      unavailable_pairs: unavailable,
      availability_loss: loss,
      calls_failing_targets: failing,
      worst_call_delay_p95_ms: largest(delays.values()),
      worst_completion_p95_ratio: worstRatio,
      sites_affected: [...sites].sort().join(' '),
      what: what.slice(0, 5).join('; '),
    };
  });
  impacts.sort(
    (a, b) =>
      b.availability_loss - a.availability_loss ||
      b.calls_failing_targets - a.calls_failing_targets ||
      b.worst_completion_p95_ratio - a.worst_completion_p95_ratio ||
      a.failure.localeCompare(b.failure),
  );
  impacts.forEach((row, i) => (row.rank = i + 1));
  return impacts;
}

function largest(values: Iterable<number>): number {
  let best = -Infinity;
  for (const v of values) if (v > best) best = v;
  return best === -Infinity ? NaN : best;
}

export const FAILURE_COLUMNS = [
  'rank', 'failure', 'kind', 'unavailable_pairs', 'availability_loss', 'calls_failing_targets', 'worst_call_delay_p95_ms',
  'worst_completion_p95_ratio', 'sites_affected', 'what',
] as const;
