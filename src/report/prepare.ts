import { shortPointLabel } from '../output/point-label.js';
import { boundsOf, meanWithCi } from '../stats/confidence.js';
import { MAXIMUM_NAMED_BY } from '../stats/headline-names.js';
import type { Table } from './result-tables.js';

const str = (v: unknown): string => String(v);
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const mean = (xs: number[]): number => {
  const f = xs.filter((x) => !Number.isNaN(x));
  return f.length === 0 ? NaN : f.reduce((a, b) => a + b, 0) / f.length;
};

/** Variants in the order the run had them. */
export function variantsOf(summary: Table): string[] {
  return [...new Set(summary.map((r) => str(r.variant)))];
}

/**
 * One-way delay distribution per variant and traffic class as survival points (delay, P[delay > x]),
 * each quantile the mean over replications of that replication's quantile (quantile averaging).
 */
export function delaySurvival(delays: Table): { series: string; variant: string; cls: string; delayMs: number; exceedance: number }[] {
  const groups = new Map<string, number[]>();
  for (const r of delays) {
    const key = [str(r.variant), str(r.class), str(r.probability)].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), num(r.delay_ms)]);
  }
  return [...groups].map(([key, values]) => {
    const [variant, cls, p] = key.split('\u0000') as [string, string, string];
    return { series: `${variant} / ${cls}`, variant, cls, delayMs: mean(values), exceedance: 1 - Number(p) };
  }).filter((point) => Number.isFinite(point.delayMs) && point.delayMs > 0);
}

/**
 * The link samples of a time series, each given to `visit` (variant, link, time in s, throughput in
 * bit/s, queueing delay in ms); a source can be visited more than once (from memory or a file).
 */
export type LinkSamples = (visit: (variant: string, name: string, time: number, throughputBps: number, queueDelayMs: number) => void) => Promise<void>;

/** The link samples of time-series rows (timeseries.csv as a table). */
export const linkSamplesOfTable =
  (timeSeries: Table): LinkSamples =>
  async (visit) => {
    for (const r of timeSeries) if (r.kind === 'link') visit(str(r.variant), str(r.name), num(r.time_s), num(r.throughput_bps), num(r.queue_delay_ms));
  };

/** The `count` links that carried the most (mean throughput over every sample), in that order. */
export async function busiestLinks(samples: LinkSamples, count: number): Promise<string[]> {
  const totals = new Map<string, number>();
  await samples((_variant, name, _time, throughput) => totals.set(name, (totals.get(name) ?? 0) + (throughput || 0)));
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, count).map(([name]) => name);
}

export interface Binned {
  variant: string;
  name: string;
  time: number;
  throughputMbps: number;
  queueDelayMs: number;
}

/**
 * Per-interval link samples of the given links, averaged over replications and then into at most
 * `bins` equal time bins per variant and link (the mean of the samples falling in each bin).
 */
export async function binTimeSeries(samples: LinkSamples, links: readonly string[], bins: number): Promise<Binned[]> {
  const wanted = new Set(links);
  let first = Infinity;
  let last = -Infinity;
  await samples((_variant, name, time) => {
    if (!wanted.has(name)) return;
    if (time < first) first = time;
    if (time > last) last = time;
  });
  if (first > last) return [];
  const width = last > first ? (last - first) / bins : 1;
  const acc = new Map<string, { n: number; tput: number; delay: number; time: number }>();
  await samples((variant, name, time, throughput, queueDelay) => {
    if (!wanted.has(name)) return;
    const bin = Math.min(bins - 1, Math.floor((time - first) / width));
    const key = [variant, name, bin].join('\u0000');
    let a = acc.get(key);
    if (a === undefined) acc.set(key, (a = { n: 0, tput: 0, delay: 0, time: 0 }));
    a.n++;
    a.tput += throughput || 0;
    a.delay += queueDelay || 0;
    a.time += time;
  });
  return [...acc].map(([key, a]) => {
    const [variant, name] = key.split('\u0000') as [string, string];
    return { variant, name, time: a.time / a.n, throughputMbps: a.tput / a.n / 1e6, queueDelayMs: a.delay / a.n };
  });
}

export interface TimelineBar {
  variant: string;
  pair: string;
  kind: 'measured' | 'outage' | 'route change';
  start: number;
  end: number;
}

/** The first replication's outages and route changes per variant and pair, over a bar of the measured time. */
export function availabilityTimeline(availability: Table, events: Table, summary: Table): TimelineBar[] {
  const bars: TimelineBar[] = [];
  const firstRep = (r: Record<string, unknown>) => num(r.replication) === 0 && (r.point === undefined || num(r.point) === 0);
  for (const r of availability.filter(firstRep)) {
    const s = summary.find((x) => x.variant === r.variant && firstRep(x));
    const end = s ? num(s.sim_time_s) : NaN;
    bars.push({ variant: str(r.variant), pair: str(r.pair), kind: 'measured', start: end - num(r.measured_s), end });
  }
  for (const e of events.filter(firstRep)) {
    bars.push({ variant: str(e.variant), pair: str(e.pair), kind: e.event === 'outage' ? 'outage' : 'route change', start: num(e.start_s), end: num(e.end_s) });
  }
  return bars;
}

/** Total unavailable time per variant and pair, mean over replications. */
export function downtime(availability: Table): { variant: string; pair: string; seconds: number }[] {
  const groups = new Map<string, number[]>();
  for (const r of availability) {
    const key = `${str(r.variant)}\u0000${str(r.pair)}`;
    groups.set(key, [...(groups.get(key) ?? []), num(r.unavailable_s)]);
  }
  return [...groups].map(([key, values]) => {
    const [variant, pair] = key.split('\u0000') as [string, string];
    return { variant, pair, seconds: mean(values) };
  });
}

/** Per-flow headline of a run without applications: mean and 95% CI over replications, per variant. */
export function flowHeadline(flows: Table, variants: readonly string[]): Table {
  const metrics = ['throughput_bps', 'delay_mean_ms', 'delay_p99_ms', 'loss_ratio'];
  const names = [...new Set(flows.map((f) => str(f.flow)))];
  return names.flatMap((flow) =>
    metrics.map((metric) => {
      const row: Record<string, string | number> = { site: '', application: flow, direction: '', metric };
      for (const v of variants) {
        const { mean: m, ci95, low, high } = meanWithCi(flows.filter((f) => f.flow === flow && f.variant === v).map((f) => num(f[metric])), boundsOf(metric));
        row[v] = m;
        row[`${v}_ci95`] = ci95;
        row[`${v}_low`] = low;
        row[`${v}_high`] = high;
      }
      return row;
    }),
  );
}

export interface SweepPoint {
  variant: string;
  point: number;
  label: string;
  mean: number;
  low: number;
  high: number;
}

/** The swept parameters: sweep.csv's columns that are neither its own nor a metric's (nor a metric's interval, nor the name of a maximum's link or flow). */
function sweptParameters(sweep: Table): string[] {
  const reserved = new Set(['point', 'variant', 'replications', ...Object.values(MAXIMUM_NAMED_BY)]);
  const derived = (k: string): boolean => ['_ci95', '_low', '_high'].some((suffix) => k.endsWith(suffix) && Object.hasOwn(sweep[0]!, k.slice(0, -suffix.length)));
  return Object.keys(sweep[0] ?? {}).filter((k) => !reserved.has(k) && !derived(k) && !Object.hasOwn(sweep[0]!, `${k}_ci95`));
}

/** Each sweep point's name in tables and legends: its parameters by their last two fields ("boston.users=200, duration=8s"). */
export function sweepPointLabels(sweep: Table): Map<number, string> {
  const params = sweptParameters(sweep);
  return new Map(sweep.map((r) => [num(r.point), shortPointLabel(Object.fromEntries(params.map((p) => [p, r[p]])))]));
}

/** For one headline metric of sweep.csv: mean and CI band per point and variant, the point named by its parameter values. */
export function sweepSeries(sweep: Table, metric: string): SweepPoint[] {
  const params = sweptParameters(sweep);
  return sweep.map((r) => {
    const m = num(r[metric]);
    // the interval when the file has it (a proportion's stays in [0, 1]), else mean +- the half-width
    const low = num(r[`${metric}_low`]);
    const high = num(r[`${metric}_high`]);
    const ci = num(r[`${metric}_ci95`]);
    const half = Number.isNaN(ci) ? 0 : ci;
    // one parameter: its value (the axis names the parameter); several: each by its last field
    const label = params.length === 1 ? str(r[params[0]!]) : shortPointLabel(Object.fromEntries(params.map((p) => [p, r[p]])));
    // the headline metrics are never negative: a band around a small mean stops at 0
    return { variant: str(r.variant), point: num(r.point), label, mean: m, low: Number.isNaN(low) ? Math.max(0, m - half) : low, high: Number.isNaN(high) ? m + half : high };
  });
}

/** What a sweep's x axis shows: the swept parameter's path when there is one, else the points. */
export function sweepAxisTitle(sweep: Table): string {
  const params = sweptParameters(sweep);
  return params.length === 1 ? params[0]! : 'sweep point';
}
