import { checkOutputFolder, scenarioFiles, writeResults } from './results-folder.js';
import { checkScenario, scenarioWarnings, type CheckedRun } from '../planner/check.js';
import type { EventListKind } from '../core/event-list.js';
import { NS_PER_MS, type Nanos } from '../core/time.js';
import { toCsv } from '../output/csv.js';
import { TaskCache } from '../parallel/task-cache.js';
import { InterruptedError, mergeResults, runTasks, sharedTail, type MergedResults, type RunTasksOptions } from '../parallel/run-tasks.js';
import type { Task } from '../parallel/task.js';
import type { Piscina } from 'piscina';
import { loadScenarioFile } from '../planner/load.js';
import type { ScenarioOverrides } from '../scenario/load.js';
import { DROP_COLUMNS, type Row } from '../stats/records.js';
import { AVAILABILITY_COLUMNS, AVAILABILITY_EVENT_COLUMNS } from '../stats/availability.js';
import { CLASS_COLUMNS, DELAY_COLUMNS } from '../stats/class-stats.js';
import { APP_COLUMNS } from '../stats/app-stats.js';
import { EXPOSURE_COLUMNS } from '../stats/exposure.js';
import { forEachLinkSample } from '../stats/time-series.js';
import { writeTimeSeriesCsv } from '../output/time-series-csv.js';
import type { FileContent } from '../output/atomic-files.js';
import type { LinkSamples } from '../report/prepare.js';
import { describeTask } from '../parallel/task.js';
import { createProgress } from './progress.js';
import { fixed, textTable } from './table.js';

export interface RunActionOptions {
  overrides: ScenarioOverrides;
  /** The pool of a command that runs many times (`sharedPool` in parallel/run-tasks.ts). */
  sharedPool?: () => Piscina;
  out?: string;
  quiet: boolean;
  eventList: EventListKind | undefined;
  timeSeriesInterval?: Nanos;
  availabilityOnly: boolean;
  workers: number;
  /** Threads per partitioned replication (RunTasksOptions.threads). */
  threads?: number;
  cache: boolean;
  /** Also write report.html (and sample a time series for it when none was asked for). */
  report: boolean;
  /** Run the tasks on `ersim worker` processes through this Redis. */
  queue?: string;
  /** Give up on a Redis silent for this long (ms). */
  queueTimeoutMs?: number;
  /** Refuse replications estimated to need more memory (bytes; default DEFAULT_MAX_MEMORY). */
  maxMemory?: number;
  /** Refuse replications estimated to simulate more events (default: DEFAULT_MAX_EVENTS). */
  maxEvents?: number;
}

/** Run tasks with a progress bar, stopping cleanly on Ctrl-C. */
export async function runWithProgress(
  tasks: Task[],
  label: string,
  options: { quiet: boolean; workers: number; threads?: number; cache: boolean; queue?: string; queueTimeoutMs?: number; sharedPool?: () => Piscina; takeChecked?: RunTasksOptions['takeChecked'] },
) {
  const progress = createProgress(options.quiet, label);
  const interrupt = new AbortController();
  // between batches of events (in this thread) or at once (worker threads, the queue), the run stops
  const onSigint = (): void => interrupt.abort(new InterruptedError('SIGINT'));
  const onSigterm = (): void => interrupt.abort(new InterruptedError('SIGTERM'));
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  let events = 0;
  let cachedTasks = 0;
  const started = Date.now();
  try {
    const results = await runTasks(tasks, {
      workers: options.workers,
      threads: options.threads,
      sharedPool: options.sharedPool,
      takeChecked: options.takeChecked,
      cache: options.cache ? new TaskCache('results/.cache') : undefined,
      signal: interrupt.signal,
      queue: options.queue,
      queueTimeoutMs: options.queueTimeoutMs,
      onQueueStatus: (s) => {
        progress.update(s.done / tasks.length, `${s.done}/${tasks.length} tasks | ${s.running} running, ${s.queued} queued | ${s.workers} worker connection(s)`);
      },
      onTaskProgress: (done, total, fraction, taskEvents) => {
        const rate = (events + taskEvents) / Math.max(1e-3, (Date.now() - started) / 1000);
        progress.update((done + fraction) / total, `${done}/${total} tasks | ${(rate / 1e6).toFixed(2)} M events/s`);
      },
      onTaskDone: (done, total, task, result, cached) => {
        events += cached ? 0 : (result.summary.events as number);
        if (cached) cachedTasks++;
        const rate = events / Math.max(1e-3, (Date.now() - started) / 1000);
        progress.update(done / total, `${done}/${total} tasks | ${(rate / 1e6).toFixed(2)} M events/s`);
        progress.taskDone(`${label}: ${describeTask(task)} done${cached ? ' (cached)' : ''} [${done}/${total}]`);
      },
    });
    return { results, cached: cachedTasks, line: `${tasks.length - cachedTasks} task(s) simulated, ${cachedTasks} from the cache` };
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    progress.stop();
  }
}

/** A scenario run: what was loaded, the merged results and the CSV files they make. */
export interface SimulatedRun {
  loaded: ReturnType<typeof loadScenarioFile>;
  out: string;
  result: MergedResults;
  /** The CSV files as text; a time series, which can be millions of rows, is written streamed by `timeSeries`. */
  files: Record<string, string>;
  timeSeries?: { file: string; write: (path: string, signal: AbortSignal) => Promise<void>; linkSamples: LinkSamples };
  line: string;
}

/** Load, check and run every variant and replication of a scenario; nothing is written yet. */
export async function simulate(file: string, options: RunActionOptions, accept?: (loaded: SimulatedRun['loaded']) => void): Promise<SimulatedRun> {
  const loaded = loadScenarioFile(file, options.overrides);
  accept?.(loaded);
  return simulateLoaded(loaded, file, options);
}

/** Check and run every variant and replication of a loaded scenario (`file` names it in tasks and messages). */
export async function simulateLoaded(loaded: SimulatedRun['loaded'], file: string, options: RunActionOptions): Promise<SimulatedRun> {
  const taskCount = loaded.variants.length * loaded.scenario.replications;
  // the check's network serves the first task when every task runs in this thread (else it would only hold memory)
  const inThisThread = options.queue === undefined && sharedTail(taskCount, options.workers, options.threads).tasks === taskCount;
  let checked = checkScenario(loaded, options.availabilityOnly ? 'availability' : 'packets', {
    maxEvents: options.maxEvents,
    maxMemory: options.maxMemory,
    timeSeriesInterval: options.timeSeriesInterval,
    keepNetwork: inThisThread ? { eventList: options.eventList } : undefined,
  });
  if (!options.quiet && !options.availabilityOnly) for (const warning of scenarioWarnings(loaded)) process.stderr.write(`ersim: warning: ${warning}\n`);
  const scenario = loaded.scenario;
  const timeSeriesInterval = sampledInterval(scenario, options);
  const out = options.out ?? `results/${scenario.name}`;
  checkOutputFolder(out);

  // How many replications there are does not change any one of them: keep it out of the tasks (and their cache keys).
  const { replications: _replications, ...taskOverrides } = options.overrides;
  const tasks: Task[] = loaded.variants.flatMap((variant) =>
    Array.from({ length: scenario.replications }, (_, replication) => ({
      file,
      text: loaded.text,
      attachments: loaded.attachments,
      overrides: taskOverrides,
      variant: variant.variant,
      replication,
      seed: scenario.seed,
      eventList: options.eventList,
      availabilityOnly: options.availabilityOnly,
      maxEvents: options.maxEvents,
      maxMemory: options.maxMemory,
      timeSeriesInterval,
      label: '',
      scenario: variant,
    })),
  );
  const takeChecked = (): { task: Task; run: CheckedRun['run'] } | undefined => {
    const taken = checked;
    checked = undefined;
    const first = tasks[0];
    return taken !== undefined && first !== undefined && builtFor(taken, first) ? { task: first, run: taken.run } : undefined;
  };
  const run = await runWithProgress(tasks, scenario.name, { ...options, takeChecked });
  const result = mergeResults(run.results);

  const files = resultFiles(result, [], options.availabilityOnly);
  Object.assign(files, scenarioFiles(loaded, files));
  files['summary.csv'] = toCsv(result.summary.map(({ wall_s, events_per_s, ...row }) => ({ ...row, replications: scenario.replications, wall_s, events_per_s })));
  const timeSeries = timeSeriesInterval === undefined ? undefined : timeSeriesOutput(result.timeSeries);
  return { loaded, out, result, files, timeSeries, line: `${summaryLine(result.summary)}; ${run.line}` };
}

/** Whether the network a check built is the one `task` would build: its variant, replication 0, seed and options. */
function builtFor(checked: CheckedRun, task: Task): boolean {
  return (
    task.scenario === checked.scenario &&
    task.replication === checked.options.replication &&
    task.seed === checked.options.seed &&
    task.eventList === checked.options.eventList &&
    (task.availabilityOnly === true) === (checked.options.availabilityOnly === true)
  );
}

/** The sampling interval of a run: --timeseries, or for a report about 300 samples of the measured time (none without packets). */
export function sampledInterval(scenario: { duration: Nanos; warmup: Nanos }, options: Pick<RunActionOptions, 'timeSeriesInterval' | 'report' | 'availabilityOnly'>): Nanos | undefined {
  if (options.timeSeriesInterval !== undefined) return options.timeSeriesInterval;
  return options.report && !options.availabilityOnly ? Math.max(10 * NS_PER_MS, Math.round((scenario.duration - scenario.warmup) / 300)) : undefined;
}

/**
 * The tables of a run's merged results as CSV files (without packets: availability only), with
 * `leading` columns first (a sweep's point and parameters, which `mergeResults` put in every row).
 */
export function resultFiles(result: MergedResults, leading: readonly string[] = [], availabilityOnly = false): Record<string, string> {
  const files: Record<string, string> = {};
  if (!availabilityOnly) {
    files['flows.csv'] = toCsv(result.flows);
    files['links.csv'] = toCsv(result.links);
    files['drops.csv'] = toCsv(result.drops, [...leading, ...DROP_COLUMNS]);
    files['classes.csv'] = toCsv(result.classes, [...leading, ...CLASS_COLUMNS]);
    files['apps.csv'] = toCsv(result.apps, [...leading, ...APP_COLUMNS]);
    files['exposure.csv'] = toCsv(result.exposure, [...leading, ...EXPOSURE_COLUMNS]);
    files['delays.csv'] = toCsv(result.delays, [...leading, ...DELAY_COLUMNS]);
  }
  files['availability.csv'] = toCsv(result.availability, [...leading, ...AVAILABILITY_COLUMNS]);
  files['availability_events.csv'] = toCsv(result.availabilityEvents, [...leading, ...AVAILABILITY_EVENT_COLUMNS]);
  return files;
}

/** timeseries.csv, streamed when the results are written, and its link samples for a report. */
export function timeSeriesOutput(series: MergedResults['timeSeries']): NonNullable<SimulatedRun['timeSeries']> {
  return {
    file: 'timeseries.csv',
    write: (path: string, signal: AbortSignal) => writeTimeSeriesCsv(path, series, signal),
    linkSamples: async (visit: Parameters<LinkSamples>[0]) => forEachLinkSample(series, visit),
  };
}

/** Load, check and run a scenario, write its CSV files atomically and print a summary. */
export async function runAction(io: { out: (s: string) => void }, file: string, options: RunActionOptions): Promise<void> {
  const { loaded, out, result, files, timeSeries, line } = await simulate(file, options);
  if (options.report) files['report.html'] = await (await import('../report/build-report.js')).buildReport(files, timeSeries?.linkSamples);
  const written = await writeResults(out, withTimeSeries(files, timeSeries));
  if (!options.quiet) {
    const variantKey = loaded.variants.length > 1 ? ['variant'] : [];
    const table = options.availabilityOnly
      ? availabilityTable(result.availability, [...variantKey, 'pair'])
      : flowTable(result.flows, [...variantKey, 'flow', 'path']);
    io.out(`${table}\n\n${line}\nwrote ${written.join(', ')}\n`);
  }
}

/** The files of a run, the time series (streamed) among them. */
export function withTimeSeries(files: Record<string, string>, timeSeries: SimulatedRun['timeSeries']): Record<string, FileContent> {
  return timeSeries === undefined ? files : { ...files, [timeSeries.file]: timeSeries.write };
}

/** A metric of the summary table: its header, the column it averages, a scale and decimals. */
type Metric = [header: string, column: string, scale: number, digits: number];

/** A summary on stdout stays short: the rest is in the CSV files. */
const MAX_TABLE_ROWS = 20;

/**
 * Rows grouped by their key columns (variant and flow, say), each metric averaged over replications;
 * the first MAX_TABLE_ROWS groups, then how many more the files hold.
 */
function meanTable(rows: readonly Row[], keys: readonly string[], metrics: readonly Metric[], file: string): string {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keys.map((k) => String(row[k])).join(' / ');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const mean = (rs: Row[], column: string): number => rs.reduce((s, r) => s + (r[column] as number), 0) / rs.length;
  const shown = [...groups].slice(0, MAX_TABLE_ROWS);
  const table = textTable(
    [keys.join(' / '), ...metrics.map((m) => m[0])],
    shown.map(([key, rs]) => [key, ...metrics.map(([, column, scale, digits]) => fixed(mean(rs, column) * scale, digits))]),
  );
  const more = groups.size - shown.length;
  return more > 0 ? `${table}\n... and ${more} more in ${file}` : table;
}

const flowTable = (rows: readonly Row[], keys: string[]): string =>
  meanTable(rows, keys, [
    ['throughput_Mbps', 'throughput_bps', 1e-6, 2],
    ['goodput_Mbps', 'goodput_bps', 1e-6, 2],
    ['loss_%', 'loss_ratio', 100, 3],
    ['delay_mean_ms', 'delay_mean_ms', 1, 3],
    ['delay_p99_ms', 'delay_p99_ms', 1, 3],
    ['jitter_ms', 'jitter_ms', 1, 3],
    ['fct_ms', 'fct_ms', 1, 1],
  ], 'flows.csv');

const availabilityTable = (rows: readonly Row[], keys: string[]): string =>
  meanTable(rows, keys, [
    ['availability_%', 'availability', 100, 4],
    ['unavailable_s', 'unavailable_s', 1, 1],
    ['outages', 'outages', 1, 1],
    ['mttr_s', 'mttr_s', 1, 1],
  ], 'availability.csv');

function summaryLine(summary: readonly Row[]): string {
  const events = summary.reduce((s, r) => s + (r.events as number), 0);
  const wall = summary.reduce((s, r) => s + (r.wall_s as number), 0);
  return `${summary.length} run(s), ${events} events in ${wall.toFixed(2)} s wall (${(events / wall / 1e6).toFixed(2)} M events/s)`;
}
