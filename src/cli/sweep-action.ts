import { checkScenario, scenarioWarnings } from '../planner/check.js';
import { toCsv } from '../output/csv.js';
import { headlineRow } from '../parallel/headline.js';
import { mergeResults } from '../parallel/run-tasks.js';
import { pointLabel, sweepPoints, type SweepParameter } from '../parallel/sweep.js';
import { shortPointLabel } from '../output/point-label.js';
import type { Task } from '../parallel/task.js';
import { loadScenarioFile, type LoadedScenario } from '../planner/load.js';
import type { Row } from '../stats/records.js';
import { UsageError } from './errors.js';
import { checkOutputFolder, scenarioFiles, writeResults } from './results-folder.js';
import { resultFiles, runWithProgress, sampledInterval, timeSeriesOutput, withTimeSeries, type RunActionOptions } from './run-action.js';
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
  const first = loadScenarioFile(file, { ...options.overrides, ...points[0]! });
  const timeSeriesInterval = sampledInterval(first.scenario, options);
  const loadedPoints: LoadedScenario[] = points.map((point, p) => {
    const loaded = p === 0 ? first : loadScenarioFile(file, { ...options.overrides, ...point });
    checkScenario(loaded, 'packets', { maxEvents: options.maxEvents, maxMemory: options.maxMemory, timeSeriesInterval });
    return loaded;
  });
  if (!options.quiet) for (const warning of scenarioWarnings(first)) process.stderr.write(`ersim: warning: ${warning}\n`);
  const base = first.scenario;
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
        timeSeriesInterval,
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
  const files: Record<string, string> = {
    'sweep.csv': toCsv(rows),
    ...resultFiles(merged, ['point', ...Object.keys(points[0]!)]),
    'summary.csv': toCsv(merged.summary),
  };
  Object.assign(files, scenarioFiles(first, files));
  // a point's time series is its variant's at that point: `variant @ point` in the variant column
  // (every task has a series when an interval is set: merged.timeSeries[i] is task i's)
  const series = merged.timeSeries.map((s, i) => ({ ...s, variant: `${s.variant} @ ${shortPointLabel(points[tasks[i]!.point]!)}` }));
  const timeSeries = timeSeriesInterval === undefined ? undefined : timeSeriesOutput(series);
  if (options.report) files['report.html'] = await (await import('../report/build-report.js')).buildReport(files, timeSeries?.linkSamples);
  const written = await writeResults(out, withTimeSeries(files, timeSeries));
  if (!options.quiet) {
    // a planner's calls against the Teams targets; a generic network's delay tail and loss
    const calls = rows.some((r) => Number.isFinite(r.targets_met as number));
    const header = ['point', 'variant', 'throughput_Mbps', 'delay_mean_ms', ...(calls ? ['calls_met_%', 'call_delay_p95_ms'] : ['delay_p99_ms', 'loss_%']), 'max_util_%', 'on link'];
    const table = rows.map((r) => [
      pointLabel(points[r.point as number]!),
      String(r.variant),
      fixed((r.throughput_bps as number) / 1e6, 2),
      fixed(r.delay_mean_ms as number, 3),
      ...(calls ? [fixed((r.targets_met as number) * 100, 0), fixed(r.call_delay_p95_ms as number, 1)] : [fixed(r.delay_p99_ms as number, 3), fixed((r.loss_ratio as number) * 100, 3)]),
      fixed((r.max_utilization as number) * 100, 1),
      String(r.max_utilization_link),
    ]);
    io.out(`${textTable(header, table)}\n\n${run.line}\nwrote ${written.join(', ')}\n`);
  }
}
