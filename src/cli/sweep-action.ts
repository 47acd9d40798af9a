import { checkScenario } from '../planner/check.js';
import { toCsv } from '../output/csv.js';
import { headlineRow } from '../parallel/headline.js';
import { mergeResults } from '../parallel/run-tasks.js';
import { pointLabel, sweepPoints, type SweepParameter } from '../parallel/sweep.js';
import type { Task } from '../parallel/task.js';
import { loadScenarioFile, type LoadedScenario } from '../planner/load.js';
import { DROP_COLUMNS, type Row } from '../stats/records.js';
import { UsageError } from './errors.js';
import { checkOutputFolder, writeResults } from './results-folder.js';
import { runWithProgress } from './run-action.js';
import { fixed, textTable } from './table.js';

export interface SweepActionOptions {
  parameters: SweepParameter[];
  zip: boolean;
  overrides: Record<string, unknown>;
  out?: string;
  quiet: boolean;
  workers: number;
  cache: boolean;
  report: boolean;
  queue?: string;
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
    checkScenario(loaded);
    return loaded;
  });
  const base = loadedPoints[0]!.scenario;
  const { replications: _r, ...taskOverrides } = options.overrides;
  const tasks: (Task & { point: number })[] = loadedPoints.flatMap((loaded, p) =>
    loaded.variants.flatMap((variant) =>
      Array.from({ length: loaded.scenario.replications }, (_, replication) => ({
        file,
        text: loaded.text,
        overrides: { ...taskOverrides, ...points[p]! },
        variant: variant.variant,
        replication,
        seed: loaded.scenario.seed,
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
    'sweep.csv': await toCsv(rows),
    'flows.csv': await toCsv(merged.flows),
    'links.csv': await toCsv(merged.links),
    'drops.csv': await toCsv(merged.drops, ['point', ...Object.keys(points[0]!), ...DROP_COLUMNS]),
    'availability.csv': await toCsv(merged.availability),
    'summary.csv': await toCsv(merged.summary),
    'scenario.yaml': loadedPoints[0]!.text,
  };
  if (options.report) files['report.html'] = await (await import('../report/build-report.js')).buildReport(files);
  const written = await writeResults(out, files);
  if (!options.quiet) {
    const header = ['point', 'variant', 'throughput_Mbps', 'delay_mean_ms', 'delay_p99_ms', 'loss_%', 'max_util_%'];
    const table = rows.map((r) => [
      pointLabel(points[r.point as number]!),
      String(r.variant),
      fixed((r.throughput_bps as number) / 1e6, 2),
      fixed(r.delay_mean_ms as number, 3),
      fixed(r.delay_p99_ms as number, 3),
      fixed((r.loss_ratio as number) * 100, 3),
      fixed((r.max_utilization as number) * 100, 1),
    ]);
    io.out(`${textTable(header, table)}\n\n${run.line}\nwrote ${written.join(', ')}\n`);
  }
}
