import { checkScenario, runLengthWarnings } from '../planner/check.js';
import { writeTimeSeriesCsv } from '../output/time-series-csv.js';
import type { LinkSamples } from '../report/prepare.js';
import { APP_COLUMNS } from '../stats/app-stats.js';
import { AVAILABILITY_COLUMNS, AVAILABILITY_EVENT_COLUMNS } from '../stats/availability.js';
import { CLASS_COLUMNS, DELAY_COLUMNS } from '../stats/class-stats.js';
import { EXPOSURE_COLUMNS } from '../stats/exposure.js';
import { forEachLinkSample } from '../stats/time-series.js';
import { toCsv } from '../output/csv.js';
import { headlineRow } from '../parallel/headline.js';
import { mergeResults } from '../parallel/run-tasks.js';
import { pointLabel, sweepPoints, type SweepParameter } from '../parallel/sweep.js';
import { shortPointLabel } from '../output/point-label.js';
import type { Task } from '../parallel/task.js';
import { loadScenarioFile, type LoadedScenario } from '../planner/load.js';
import { DROP_COLUMNS, type Row } from '../stats/records.js';
import { UsageError } from './errors.js';
import { checkOutputFolder, scenarioFiles, writeResults } from './results-folder.js';
import { runWithProgress, withTimeSeries, type RunActionOptions } from './run-action.js';
import { fixed, textTable } from './table.js';

export interface SweepActionOptions extends RunActionOptions {
  parameters: SweepParameter[];
  zip: boolean;
}

/** Points x variants x replications as tasks; sweep.csv has one row per (point, variant). */
export async function sweepAction(io: { out: (s: string) => void }, file: string, options: SweepActionOptions): Promise<void> {
  let points: Record<string, unknown>[];
  try {
    points = sweepPoints(options.parameters, options.zip);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Check every point before running any: a bad value stops the sweep with the file's error.
  const loadedPoints: LoadedScenario[] = points.map((point) => {
    const loaded = loadScenarioFile(file, { ...options.overrides, ...point });
    checkScenario(loaded, 'packets', { maxEvents: options.maxEvents, maxMemory: options.maxMemory, timeSeriesInterval: options.timeSeriesInterval });
    return loaded;
  });
  if (!options.quiet) for (const warning of runLengthWarnings(loadedPoints[0]!)) process.stderr.write(`ersim: warning: ${warning}\n`);
  const base = loadedPoints[0]!.scenario;
  const { replications: _r, ...taskOverrides } = options.overrides;
  const tasks: (Task & { point: number })[] = loadedPoints.flatMap((loaded, p) =>
    loaded.variants.flatMap((variant) =>
      Array.from({ length: loaded.scenario.replications }, (_, replication) => ({
        file,
        text: loaded.text,
        attachments: loaded.attachments,
        overrides: { ...taskOverrides, ...points[p]! },
        variant: variant.variant,
        replication,
        seed: loaded.scenario.seed,
        eventList: options.eventList,
        maxEvents: options.maxEvents,
        maxMemory: options.maxMemory,
        timeSeriesInterval: options.timeSeriesInterval,
        label: `point ${pointLabel(points[p]!)}`,
        scenario: variant,
        point: p,
      })),
    ),
  );
  const run = await runWithProgress(tasks, `${base.name} sweep`, options);
  const paramColumns = (p: number): Row => Object.fromEntries(Object.entries(points[p]!).map(([k, v]) => [k, String(v)]));

  const rows: Row[] = [];
  points.forEach((_, p) => {
    const variants = [...new Set(tasks.filter((t) => t.point === p).map((t) => t.variant))];
    for (const variant of variants) {
      const results = run.results.filter((_, i) => tasks[i]!.point === p && tasks[i]!.variant === variant);
      rows.push({ point: p, ...paramColumns(p), variant, ...headlineRow(results) });
    }
  });
  const merged = mergeResults(run.results, (i) => ({ point: tasks[i]!.point, ...paramColumns(tasks[i]!.point) }));
  const out = options.out ?? `results/${base.name}-sweep`;
  checkOutputFolder(out);
  const pointColumns = ['point', ...Object.keys(points[0]!)];
  const files: Record<string, string> = {
    'sweep.csv': await toCsv(rows),
    'flows.csv': await toCsv(merged.flows),
    'links.csv': await toCsv(merged.links),
    'drops.csv': await toCsv(merged.drops, [...pointColumns, ...DROP_COLUMNS]),
    'classes.csv': await toCsv(merged.classes, [...pointColumns, ...CLASS_COLUMNS]),
    'apps.csv': await toCsv(merged.apps, [...pointColumns, ...APP_COLUMNS]),
    'exposure.csv': await toCsv(merged.exposure, [...pointColumns, ...EXPOSURE_COLUMNS]),
    'delays.csv': await toCsv(merged.delays, [...pointColumns, ...DELAY_COLUMNS]),
    'availability.csv': await toCsv(merged.availability, [...pointColumns, ...AVAILABILITY_COLUMNS]),
    'availability_events.csv': await toCsv(merged.availabilityEvents, [...pointColumns, ...AVAILABILITY_EVENT_COLUMNS]),
    'summary.csv': await toCsv(merged.summary),
    ...scenarioFiles(loadedPoints[0]!, {}),
  };
  // a point's time series is its variant's at that point: `variant @ point` in the variant column
  const series = merged.timeSeries.map((s, i) => ({ ...s, variant: `${s.variant} @ ${shortPointLabel(points[tasks[i]!.point]!)}` }));
  const timeSeries =
    options.timeSeriesInterval === undefined
      ? undefined
      : { file: 'timeseries.csv', write: (path: string, signal: AbortSignal) => writeTimeSeriesCsv(path, series, signal), linkSamples: async (visit: Parameters<LinkSamples>[0]) => forEachLinkSample(series, visit) };
  if (options.report) files['report.html'] = await (await import('../report/build-report.js')).buildReport(files, timeSeries?.linkSamples);
  const written = await writeResults(out, withTimeSeries(files, timeSeries));
  if (!options.quiet) {
    const header = ['point', 'variant', 'throughput_Mbps', 'delay_mean_ms', 'calls_met_%', 'call_delay_p95_ms', 'max_util_%', 'on link'];
    const table = rows.map((r) => [
      pointLabel(points[r.point as number]!),
      String(r.variant),
      fixed((r.throughput_bps as number) / 1e6, 2),
      fixed(r.delay_mean_ms as number, 3),
      fixed((r.targets_met as number) * 100, 0),
      fixed(r.call_delay_p95_ms as number, 1),
      fixed((r.max_utilization as number) * 100, 1),
      String(r.max_utilization_link),
    ]);
    io.out(`${textTable(header, table)}\n\n${run.line}\nwrote ${written.join(', ')}\n`);
  }
}
