import type { CompiledRun } from '../compile/compile.js';
import { mergedNumber, type FlowTableState } from '../net/flow-table.js';
import { LogLinearHistogram } from '../probes/log-linear-histogram.js';
import { TcpStats } from '../probes/tcp-stats.js';
import type { TimeSeries } from '../stats/time-series.js';

/** The fields of an application's statistics that its simulation moves (the rest is its description). */
const APP_FIELDS = ['started', 'completed', 'active', 'concurrency', 'completion', 'quality'] as const;

/**
 * Every statistic one copy of a network gathers, as plain data (a deep copy, safe to send to another
 * thread): flows, links, nodes' drops, applications, TCP, and the copy's event and packet counts.
 */
export interface StatsState {
  flowTable: FlowTableState;
  links: unknown[];
  nodes: unknown[];
  apps: unknown[];
  tcp: unknown[];
  events: number;
  packets: number;
  /** The copy's samples (with a time series). */
  timeSeries: TimeSeries | null;
}

export function captureStats(run: CompiledRun, timeSeries: TimeSeries | null = null): StatsState {
  const network = run.network;
  return structuredClone({
    timeSeries,
    flowTable: network.flowTable.exportState(),
    links: network.links.map((l) => l.stats),
    nodes: network.nodes.map((n) => n.drops),
    apps: run.apps.map((a) => Object.fromEntries(APP_FIELDS.map((k) => [k, a[k]]))),
    tcp: network.flows.map((f) => f.tcp ?? null),
    events: run.sim.eventsProcessed,
    packets: network.pool.allocated,
  });
}

/**
 * Make `run`'s statistics the sum of the partitions' (`parts`, in partition order; `init`: a copy's
 * statistics before the run began). Each partition simulated its own nodes' part of every flow,
 * link and application, so a number is either moved by one partition (taken as it is) or a count
 * several moved (the changes add); histograms pool their samples. Returns the total events and packets.
 */
export function mergeStats(run: CompiledRun, init: StatsState, parts: readonly StatsState[]): { events: number; packets: number; timeSeries: TimeSeries | null } {
  const network = run.network;
  network.flowTable.mergeStates(init.flowTable, parts.map((p) => p.flowTable));
  network.links.forEach((l, i) => mergeObject(l.stats, init.links[i], parts.map((p) => p.links[i])));
  network.nodes.forEach((n, i) => mergeObject(n.drops, init.nodes[i], parts.map((p) => p.nodes[i])));
  run.apps.forEach((a, i) => mergeObject(a, init.apps[i], parts.map((p) => p.apps[i]), APP_FIELDS));
  network.flows.forEach((f, i) => {
    const tcp = parts.map((p) => p.tcp[i]);
    if (tcp.every((t) => t === null)) return;
    // a copy opens a connection's statistics when it first simulates one of its ends
    const fresh = new TcpStats(network.sim.warmup);
    f.tcp ??= fresh;
    const before = init.tcp[i] ?? structuredClone(fresh);
    mergeObject(f.tcp, before, tcp.map((t) => t ?? before));
  });
  let events = 0;
  let packets = 0;
  for (const p of parts) {
    events += p.events;
    packets += p.packets;
  }
  return { events, packets, timeSeries: mergeTimeSeries(parts.map((p) => p.timeSeries)) };
}

/**
 * The partitions' samples as one series: a value is its owner's (a flow's throughput is measured
 * where it is received, a link's queue where it is sent, a TCP window where it sends), and every
 * other copy reads 0 there, or NaN where it has no such value (no TCP statistics yet): the sum of
 * the numbers, NaN when none is one.
 */
export function mergeTimeSeries(series: readonly (TimeSeries | null)[]): TimeSeries | null {
  const first = series[0];
  if (first === null || first === undefined) return null;
  const values = new Float64Array(first.values.length).fill(NaN);
  for (const s of series) {
    const v = s!.values;
    for (let i = 0; i < values.length; i++) {
      const x = v[i]!;
      if (x === x) values[i] = values[i] === values[i] ? values[i]! + x : x;
    }
  }
  return { ...first, values };
}

type Plain = Record<string, unknown>;

function mergeObject(target: object, init: unknown, parts: readonly unknown[], keys?: readonly string[]): void {
  const t = target as Plain;
  const i = (init ?? {}) as Plain;
  const ps = parts as (Plain | undefined)[];
  for (const key of keys ?? Object.keys(t)) {
    const value = t[key];
    const partValues = ps.map((p) => p?.[key]);
    if (typeof value === 'number') t[key] = mergedNumber(i[key] as number, partValues, (v) => (v === undefined ? (i[key] as number) : (v as number)));
    else if (value instanceof LogLinearHistogram) {
      if ((i[key] as { total?: number } | undefined)?.total) throw new Error(`histogram '${key}' has samples before the run`);
      value.clear();
      for (const p of partValues) if (p !== undefined) value.merge(p as LogLinearHistogram);
    } else if (ArrayBuffer.isView(value)) {
      const a = value as unknown as Float64Array;
      const initial = i[key] as Float64Array;
      for (let k = 0; k < a.length; k++) a[k] = mergedNumber(initial[k]!, partValues, (v) => (v as Float64Array)[k]!);
    } else if (Array.isArray(value)) {
      // a list only one end appends to (a TCP sender's timeouts)
      const changed = partValues.filter((v) => (v as unknown[]).length !== (i[key] as unknown[]).length);
      if (changed.length > 1) throw new Error(`list '${key}' was extended in ${changed.length} partitions`);
      if (changed.length === 1) t[key] = (changed[0] as unknown[]).slice();
    } else if (value !== null && typeof value === 'object') mergeObject(value, i[key], partValues);
  }
}
