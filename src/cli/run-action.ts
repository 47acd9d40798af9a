import { checkScenario } from '../compile/check.js';
import type { EventListKind } from '../core/event-list.js';
import type { Nanos } from '../core/time.js';
import { writeFilesAtomically } from '../output/atomic-files.js';
import { toCsv } from '../output/csv.js';
import { runScenario } from '../runner/run-scenario.js';
import { loadScenarioFile, type ScenarioOverrides } from '../scenario/load.js';
import { DROP_COLUMNS, type Row } from '../stats/records.js';
import { AVAILABILITY_COLUMNS } from '../stats/availability.js';
import { TIME_SERIES_COLUMNS } from '../stats/time-series.js';
import { createProgress } from './progress.js';
import { fixed, textTable } from './table.js';

export interface RunActionOptions {
  overrides: ScenarioOverrides;
  out?: string;
  quiet: boolean;
  eventList: EventListKind;
  timeSeriesInterval?: Nanos;
  availabilityOnly: boolean;
}

/** Load, check and run a scenario, write its CSV files atomically and print a summary. */
export async function runAction(io: { out: (s: string) => void }, file: string, options: RunActionOptions): Promise<void> {
  const { timeSeriesInterval, quiet } = options;
  const loaded = loadScenarioFile(file, options.overrides);
  checkScenario(loaded);
  const scenario = loaded.scenario;
  const out = options.out ?? `results/${scenario.name}`;

  const progress = createProgress(quiet, scenario.name);
  const result = runScenario(scenario, {
    seed: scenario.seed,
    replications: scenario.replications,
    eventList: options.eventList,
    timeSeriesInterval,
    availabilityOnly: options.availabilityOnly,
    onProgress: (replication, fraction, events) =>
      progress.update((replication + fraction) / scenario.replications, `rep ${replication + 1}/${scenario.replications} | ${events} events`),
  });
  progress.stop();

  const files: Record<string, string> = {};
  if (!options.availabilityOnly) {
    files['flows.csv'] = await toCsv(result.flows);
    files['links.csv'] = await toCsv(result.links);
    files['drops.csv'] = await toCsv(result.drops, DROP_COLUMNS);
  }
  files['availability.csv'] = await toCsv(result.availability, AVAILABILITY_COLUMNS);
  files['summary.csv'] = await toCsv(result.summary);
  if (timeSeriesInterval !== undefined) files['timeseries.csv'] = await toCsv(result.timeSeries, TIME_SERIES_COLUMNS);
  const written = writeFilesAtomically(out, files);
  if (!quiet) {
    const table = options.availabilityOnly ? availabilityTable(result.availability) : flowTable(result.flows);
    io.out(`${table}\n\n${summaryLine(result.summary)}\nwrote ${written.join(', ')}\n`);
  }
}

/** Per flow, the mean over replications of the headline metrics. */
function flowTable(flows: readonly Row[]): string {
  const byFlow = new Map<string, Row[]>();
  for (const row of flows) byFlow.set(row.flow as string, [...(byFlow.get(row.flow as string) ?? []), row]);
  const mean = (rows: Row[], column: string): number => rows.reduce((s, r) => s + (r[column] as number), 0) / rows.length;
  const rows = [...byFlow].map(([name, rows]) => [
    name,
    fixed(mean(rows, 'throughput_bps') / 1e6, 2),
    fixed(mean(rows, 'loss_ratio') * 100, 3),
    fixed(mean(rows, 'delay_mean_ms'), 3),
    fixed(mean(rows, 'delay_p99_ms'), 3),
    fixed(mean(rows, 'jitter_ms'), 3),
  ]);
  return textTable(['flow', 'throughput_Mbps', 'loss_%', 'delay_mean_ms', 'delay_p99_ms', 'jitter_ms'], rows);
}

/** Per pair, the mean over replications of availability and outages. */
function availabilityTable(rows: readonly Row[]): string {
  const byPair = new Map<string, Row[]>();
  for (const row of rows) byPair.set(row.pair as string, [...(byPair.get(row.pair as string) ?? []), row]);
  const mean = (rs: Row[], column: string): number => rs.reduce((s, r) => s + (r[column] as number), 0) / rs.length;
  return textTable(
    ['pair', 'availability_%', 'unavailable_s', 'outages', 'mttr_s'],
    [...byPair].map(([pair, rs]) => [pair, fixed(mean(rs, 'availability') * 100, 4), fixed(mean(rs, 'unavailable_s'), 1), fixed(mean(rs, 'outages'), 1), fixed(mean(rs, 'mttr_s'), 1)]),
  );
}

function summaryLine(summary: readonly Row[]): string {
  const events = summary.reduce((s, r) => s + (r.events as number), 0);
  const wall = summary.reduce((s, r) => s + (r.wall_s as number), 0);
  return `${summary.length} replication(s), ${events} events in ${wall.toFixed(2)} s wall (${(events / wall / 1e6).toFixed(2)} M events/s)`;
}
