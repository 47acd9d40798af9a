import { boundsOf, meanWithCi } from '../stats/confidence.js';
import type { Row } from '../stats/records.js';
import { TARGET_METRICS } from './verdict.js';

/** The metrics compared per kind of application (columns of apps.csv). */
export const COMPARED_METRICS: Record<string, readonly string[]> = {
  call: [
    'mos',
    'mos_window_mean',
    'mos_window_p5',
    'delay_mean_ms',
    'window_delay_p95_ms',
    'window_rtt_p95_ms',
    'jitter_ms',
    'window_jitter_p95_ms',
    'loss_ratio',
    'window_loss_p95',
    'window_burst_loss_p95',
    'targets_met',
    // which target a direction missed: the answer per site names it (compare/verdict.ts)
    ...TARGET_METRICS.map((t) => t.flag),
  ],
  web: ['completion_mean_s', 'completion_p95_s', 'goodput_bps', 'completed'],
  transfer: ['completion_mean_s', 'completion_p95_s', 'goodput_bps', 'completed'],
};

/** The metrics of the headline tables (terminal and report); comparison.csv has them all. */
export const HEADLINE_METRICS: ReadonlySet<string> = new Set([
  'mos',
  'mos_window_p5',
  'targets_met',
  'window_delay_p95_ms',
  'completion_p95_s',
  'goodput_bps',
  'availability',
  'share_internet',
  'monthly_cost',
]);

/** Headline rows the terminal shows in full without --detail: one office's comparison fits, twelve offices' 340 do not. */
export const SHORT_HEADLINE_ROWS = 60;

/** One compared quantity: what it is, and its value per variant and replication. */
interface Series {
  site: string;
  application: string;
  direction: string;
  metric: string;
  values: Map<string, Map<number, number>>;
}

export interface ComparisonInput {
  /** Variant names in the scenario's order; the first is the reference. */
  variants: readonly string[];
  apps: readonly Row[];
  availability: readonly Row[];
  /** exposure.csv rows: the share of bytes in clear on the Internet, in tunnels, on private paths. */
  exposure?: readonly Row[];
  /** Monthly cost per variant and replication (omit when the scenario has no prices). */
  costs?: readonly { variant: string; replication: number; cost: number }[];
}

/**
 * comparison.csv: one row per (site, application, direction, metric), each variant's mean and 95%
 * confidence interval over replications (`_low`, `_high`; `_ci95` the half-width of a t interval,
 * NaN for proportions, whose interval stays in [0, 1]: see stats/confidence.ts), and for every other variant its difference to the first
 * with the half-width of the paired differences (variants share their seeds: common random numbers)
 * and whether the difference is significant (its interval excludes 0).
 */
export function comparisonRows(input: ComparisonInput): Row[] {
  const series = new Map<string, Series>();
  const add = (site: string, application: string, direction: string, metric: string, variant: string, replication: number, value: number): void => {
    const key = [site, application, direction, metric].join('\u0000');
    let s = series.get(key);
    if (s === undefined) {
      s = { site, application, direction, metric, values: new Map() };
      series.set(key, s);
    }
    let byReplication = s.values.get(variant);
    if (byReplication === undefined) s.values.set(variant, (byReplication = new Map()));
    byReplication.set(replication, value);
  };
  for (const r of input.apps) {
    for (const metric of COMPARED_METRICS[String(r.kind)] ?? []) {
      add(String(r.site), String(r.application), String(r.direction), metric, String(r.variant), r.replication as number, r[metric] as number);
    }
  }
  for (const r of input.availability) {
    const [from, to] = String(r.pair).split(' -> ');
    add(from ?? '', to ?? '', 'both', 'availability', String(r.variant), r.replication as number, r.availability as number);
  }
  for (const r of input.exposure ?? []) {
    for (const metric of ['share_internet', 'share_vpn', 'share_private']) {
      add(String(r.from), String(r.to), 'both', metric, String(r.variant), r.replication as number, r[metric] as number);
    }
  }
  for (const c of input.costs ?? []) add('all', 'cost', '', 'monthly_cost', c.variant, c.replication, c.cost);

  const [reference, ...others] = input.variants;
  return [...series.values()].map((s) => {
    const row: Row = { site: s.site, application: s.application, direction: s.direction, metric: s.metric };
    const valuesOf = (v: string) => s.values.get(v) ?? new Map<number, number>();
    let replications = 0;
    for (const v of input.variants) {
      const values = [...valuesOf(v).values()];
      replications = Math.max(replications, values.length);
      const { mean, ci95, low, high } = meanWithCi(values, boundsOf(s.metric));
      row[v] = mean;
      row[`${v}_ci95`] = ci95;
      row[`${v}_low`] = low;
      row[`${v}_high`] = high;
    }
    row.replications = replications;
    for (const v of others) {
      const d = pairedDifference(valuesOf(reference!), valuesOf(v));
      row[`${v}_diff`] = d.mean;
      row[`${v}_diff_ci95`] = d.ci95;
      row[`${v}_significant`] = d.significant === undefined ? '' : d.significant ? 'yes' : 'no';
    }
    return row;
  });
}

/** Mean of the per-replication differences b - a and its 95% half-width; significant when the interval excludes 0. */
export function pairedDifference(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): { mean: number; ci95: number; significant?: boolean } {
  const diffs: number[] = [];
  for (const [replication, x] of a) {
    const y = b.get(replication);
    if (y !== undefined && !Number.isNaN(x) && !Number.isNaN(y)) diffs.push(y - x);
  }
  const { mean, ci95 } = meanWithCi(diffs);
  if (Number.isNaN(mean)) return { mean, ci95 };
  if (Number.isNaN(ci95)) return { mean, ci95 };
  return { mean, ci95, significant: Math.abs(mean) > ci95 };
}
