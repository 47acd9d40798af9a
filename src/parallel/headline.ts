import type { ReplicationResult } from '../runner/run-replication.js';
import { boundsOf, meanWithCi } from '../stats/confidence.js';
import { MAXIMUM_NAMED_BY } from '../stats/headline-names.js';
import type { Row } from '../stats/records.js';
import { callsMeetingTargets } from '../stats/call-targets.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
const max = (xs: number[]) => finite(xs).reduce((m, x) => (Number.isNaN(m) || x > m ? x : m), NaN);
const min = (xs: number[]) => finite(xs).reduce((m, x) => (Number.isNaN(m) || x < m ? x : m), NaN);
const col = (rows: readonly Row[], c: string) => rows.map((r) => r[c] as number);

/** The share of judged call directions (a direction with no call in the measured time has no verdict) that met every Teams target. */
function callShare(apps: readonly Row[]): number {
  const { calls, met } = callsMeetingTargets(apps);
  return calls === 0 ? NaN : met.size / calls;
}

/** The row with the largest finite value of `column` (the first on ties), or undefined. */
function argmax(rows: readonly Row[], column: string): Row | undefined {
  let best: Row | undefined;
  for (const r of rows) {
    const v = r[column] as number;
    if (Number.isFinite(v) && (best === undefined || v > (best[column] as number))) best = r;
  }
  return best;
}

/** Which link and flow the maxima of a replication's headline are (a max over every link and flow can be one the planner did not mean). */
export function headlineNames(r: ReplicationResult): Record<string, string> {
  const link = argmax(r.links, 'utilization');
  const flow = argmax(r.flows, 'delay_p99_ms');
  const call = argmax(
    r.apps.filter((a) => a.kind === 'call'),
    'window_delay_p95_ms',
  );
  return {
    [MAXIMUM_NAMED_BY.max_utilization!]: link === undefined ? '' : String(link.link),
    [MAXIMUM_NAMED_BY.delay_p99_ms!]: flow === undefined ? '' : String(flow.flow),
    [MAXIMUM_NAMED_BY.call_delay_p95_ms!]: call === undefined ? '' : `${String(call.site)}:${String(call.application)} ${String(call.direction)}`,
  };
}

/** The few numbers that sum up one replication of a run. */
export function headline(r: ReplicationResult): Record<string, number> {
  const flows = r.flows;
  const rx = col(flows, 'rx_packets');
  const lost = sum(col(flows, 'lost_packets'));
  const delays = col(flows, 'delay_mean_ms');
  const completions = col(flows, 'completions').map((x) => (Number.isFinite(x) ? x : 0));
  const fcts = col(flows, 'fct_ms');
  const calls = r.apps.filter((a) => a.kind === 'call');
  return {
    // the flows' bits per second of measured time, added up (each flow's throughput_bps is over its own active time)
    throughput_bps: sum(col(flows, 'mean_rate_bps')),
    goodput_bps: sum(finite(col(flows, 'goodput_bps'))),
    delay_mean_ms: sum(rx) === 0 ? NaN : sum(delays.map((d, i) => (Number.isFinite(d) ? d * rx[i]! : 0))) / sum(rx),
    delay_p99_ms: max(col(flows, 'delay_p99_ms')),
    loss_ratio: sum(rx) + lost === 0 ? NaN : lost / (sum(rx) + lost),
    jitter_ms: max(col(flows, 'jitter_ms')),
    fct_ms: sum(completions) === 0 ? NaN : sum(fcts.map((f, i) => (completions[i]! > 0 ? f * completions[i]! : 0))) / sum(completions),
    availability: min(col(r.availability, 'availability')),
    // the share of call directions that meet every Teams target, as apps.csv and compare judge them
    targets_met: callShare(r.apps),
    // the Teams figures of the worst call direction (window 95th percentiles, as the targets judge them)
    call_delay_p95_ms: max(col(calls, 'window_delay_p95_ms')),
    call_jitter_p95_ms: max(col(calls, 'window_jitter_p95_ms')),
    call_loss_p95: max(col(calls, 'window_loss_p95')),
    max_utilization: max(col(r.links, 'utilization')),
  };
}

/**
 * Mean and 95% CI over replications of each headline metric: `<metric>`, `<metric>_ci95` (t
 * half-width; NaN for proportions) and the interval `<metric>_low`, `<metric>_high`.
 */
export function headlineRow(replications: readonly ReplicationResult[]): Row {
  const each = replications.map(headline);
  const row: Row = { replications: replications.length };

  for (const metric of Object.keys(each[0] ?? {})) {
    const { mean, ci95, low, high } = meanWithCi(each.map((h) => h[metric]!), boundsOf(metric));
    row[metric] = mean;
    row[`${metric}_ci95`] = ci95;
    row[`${metric}_low`] = low;
    row[`${metric}_high`] = high;
  }
  // each name as most replications have it (the first replication's on ties)
  const names = replications.map(headlineNames);
  for (const column of Object.keys(names[0] ?? {})) {
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n[column]!, (counts.get(n[column]!) ?? 0) + 1);
    row[column] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  }
  return row;
}
