import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setMaxListeners } from 'node:events';
import { createRequire } from 'node:module';
import type { Piscina } from 'piscina';
import type { CheckedRun } from '../planner/check.js';
import type { ReplicationResult } from '../runner/run-replication.js';
import type { Row } from '../stats/records.js';
import type { TimeSeries } from '../stats/time-series.js';
import type { TaskCache } from './task-cache.js';
import type { QueueStatus } from './queue/submit.js';
import { runTaskInTurns } from './run-task.js';
import { describeTask, type Task } from './task.js';

/** A task that failed: names the task (point, variant, replication, seed) and the error. */
export class TaskError extends Error {
  override name = 'TaskError';
}

/** A run stopped by a signal: `signal` names it (SIGINT: exit 130, SIGTERM: 143). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly signal: string) {
    super(`interrupted (${signal}): nothing written`);
  }
}

/** The error of an aborted run: its reason when it names a signal, else an interruption by SIGINT. */
function interrupted(signal: AbortSignal): InterruptedError {
  return signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError('SIGINT');
}

export interface RunTasksOptions {
  /** Worker threads; 1 runs every task in this thread. */
  workers: number;
  /**
   * Threads for each replication that splits into partitions (docs/parallel.md). Default: the
   * workers the tasks leave idle (one task on two cores: two threads for it).
   */
  threads?: number;
  cache?: TaskCache;
  /** After each task, cached or run: how many are done, of how many. */
  onTaskDone?: (done: number, total: number, task: Task, result: ReplicationResult, cached: boolean) => void;
  /** Aborting stops the workers; the promise rejects. */
  signal?: AbortSignal;
  /** Within a task run in this thread: how far it is (0-1), and its events so far. */
  onTaskProgress?: (done: number, total: number, fraction: number, events: number) => void;
  /** Run on `ersim worker` processes through this Redis (redis://host:port/db) instead of local threads. */
  queue?: string;
  /** Give up on a Redis that has not answered for this long (ms; default 30 s). */
  queueTimeoutMs?: number;
  onQueueStatus?: (status: QueueStatus) => void;
  /**
   * Threads to run on, kept by the caller (warm: their code already loaded and optimized) instead
   * of a pool started and stopped for this call. `workers` is then ignored.
   */
  pool?: Piscina;
  /** The pool of the command's runs (`sharedPool`), for the tasks that go to threads; the command closes it. */
  sharedPool?: () => Piscina;
  /**
   * The network the scenario's check built for one task (checkScenario), taken before the first
   * task that runs in this thread: that task runs it instead of building it again when it is the
   * same task; otherwise it is dropped. Taking it gives up the caller's reference (a network can be large).
   */
  takeChecked?: () => { task: Task; run: CheckedRun['run'] } | undefined;
}

/**
 * One pool for the many runs of a command (size tries dozens of sizes, each a run of a few
 * replications): started by the first run that needs threads, kept until `close`. Starting a pool
 * costs about 0.2 s (its threads load ersim's modules), more than a short run's simulation.
 */
export function sharedPool(workers: number): { get: () => Piscina; close: () => Promise<void> } {
  let pool: Piscina | undefined;
  return {
    get: () => (pool ??= createPool(workers)),
    close: async () => {
      const started = pool;
      pool = undefined;
      await started?.destroy();
    },
  };
}

/** A pool of `workers` threads running tasks (see RunTasksOptions.pool). */
export function createPool(workers: number): Piscina {
  // loaded when threads are used: a run of one task in this thread does not pay for it
  const { Piscina: Pool } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
  return new Pool({ filename: workerFile(), minThreads: workers, maxThreads: workers });
}

/**
 * The compiled worker module (tests run the TypeScript sources, whose build sits in dist/). Named from
 * src/'s folders: the same path from this module and from the command line's bundle.
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return join(resolve(dirname(here), '../..'), 'dist/src/boot/worker-entry.cjs');
  return fileURLToPath(new URL('../boot/worker-entry.cjs', import.meta.url));
}

/**
 * Run tasks on a pool of worker threads (or in this thread) and return their results in task
 * order, whatever order they finish in: merged outputs are then identical for any number of workers.
 */
export async function runTasks(tasks: readonly Task[], options: RunTasksOptions): Promise<ReplicationResult[]> {
  const results = new Array<ReplicationResult>(tasks.length);
  let done = 0;
  const finish = (i: number, result: ReplicationResult, cached: boolean): void => {
    results[i] = result;
    if (!cached) options.cache?.put(tasks[i]!, result);
    options.onTaskDone?.(++done, tasks.length, tasks[i]!, result, cached);
  };
  const pending: number[] = [];
  tasks.forEach((task, i) => {
    const cached = options.cache?.get(task);
    if (cached !== undefined) finish(i, cached, true);
    else pending.push(i);
  });
  const fail = (i: number, error: unknown): TaskError =>
    new TaskError(`task ${describeTask(tasks[i]!)} failed: ${error instanceof Error ? error.message : String(error)}`);

  if (options.queue !== undefined) {
    const { runTasksOnQueue } = await import('../parallel/queue/submit.js');
    try {
      await runTasksOnQueue(
        pending.map((i) => tasks[i]!),
        options.queue,
        { signal: options.signal, timeoutMs: options.queueTimeoutMs, onTaskDone: (k, result) => finish(pending[k]!, result, false), onStatus: options.onQueueStatus },
      );
    } catch (error) {
      if (options.signal?.aborted) throw interrupted(options.signal);
      throw new TaskError((error as Error).message);
    }
    return results;
  }

  // cores first go to tasks, a full round each; the tasks of the last round, fewer than the cores,
  // then share them: each splits over the cores left to it (when its scenario splits)
  const shared = options.pool === undefined ? sharedTail(pending.length, options.workers, options.threads) : { tasks: 0, threads: 1 };
  const pooled = pending.slice(0, pending.length - shared.tasks);
  if (pooled.length > 0) await runOnPool(pooled);
  let take = options.takeChecked;
  for (const i of pending.slice(pooled.length)) {
    if (options.signal?.aborted) throw interrupted(options.signal);
    const checked = take?.();
    take = undefined;
    const built = checked?.task === tasks[i] ? checked.run : undefined;
    let result: ReplicationResult;
    try {
      result = await runTaskInTurns(tasks[i]!, options.onTaskProgress && ((f, e) => options.onTaskProgress!(done, tasks.length, f, e)), options.signal, shared.threads, built);
    } catch (error) {
      if (options.signal?.aborted) throw interrupted(options.signal);
      throw fail(i, error);
    }
    finish(i, result, false);
  }
  return results;

  async function runOnPool(indices: readonly number[]): Promise<void> {
    const pool = options.pool ?? options.sharedPool?.() ?? createPool(options.workers);
    const abort = new AbortController();
    setMaxListeners(0, abort.signal); // every pending task listens
    const onAbort = (): void => abort.abort();
    options.signal?.addEventListener('abort', onAbort);
    try {
      await Promise.all(
        indices.map((i) =>
          pool.run(tasks[i], { signal: abort.signal }).then(
            (result: ReplicationResult) => finish(i, result, false),
            (error: unknown) => {
              abort.abort(); // stop the others: the run has failed
              throw options.signal?.aborted ? interrupted(options.signal) : fail(i, error);
            },
          ),
        ),
      );
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.pool === undefined && options.sharedPool === undefined) await pool.destroy();
    }
  }
}

/**
 * How many of `tasks` (the last ones) run in this thread after the pool's full rounds, and on how
 * many threads each: with one worker, all of them, on one; with `threads` above 1, all of them, on
 * that many; else the last round's tasks when each can have two cores or more (3 tasks on 2 cores:
 * two side by side, then the third on both), otherwise none.
 */
export function sharedTail(tasks: number, workers: number, threads?: number): { tasks: number; threads: number } {
  if (workers <= 1 || (threads !== undefined && threads > 1)) return { tasks, threads: threads ?? 1 };
  if (threads === 1) return { tasks: 0, threads: 1 };
  const last = tasks % workers;
  const each = last === 0 ? 1 : Math.floor(workers / last);
  return each >= 2 ? { tasks: last, threads: each } : { tasks: 0, threads: 1 };
}

/** The tables of rows in a replication's result (all but the time series). */
type RowTable = Exclude<keyof ReplicationResult, 'timeSeries'>;

/**
 * All rows of a run, concatenated in task order: every table of a replication's result, one row
 * list each; the time series stay columnar, one per task that sampled (see TimeSeries).
 */
export type MergedResults = { [K in RowTable]: Row[] } & { timeSeries: TimeSeries[] };

const TABLES = Object.keys({
  flows: 0,
  links: 0,
  drops: 0,
  summary: 0,
  availability: 0,
  classes: 0,
  apps: 0,
  exposure: 0,
  delays: 0,
  availabilityEvents: 0,
} satisfies Record<RowTable, 0>) as RowTable[];

export function mergeResults(results: readonly ReplicationResult[], extra: (i: number) => Row = () => ({})): MergedResults {
  const merged = { ...Object.fromEntries(TABLES.map((t) => [t, [] as Row[]])), timeSeries: [] } as unknown as MergedResults;
  results.forEach((r, i) => {
    const tag = (row: Row): Row => ({ ...extra(i), ...row });
    for (const t of TABLES) {
      const rows = r[t];
      // one by one: spreading a table of 100,000 rows into push() overflows the call stack
      const into = merged[t];
      if (Array.isArray(rows)) for (const row of rows) into.push(tag(row));
      else into.push(tag(rows));
    }
    if (r.timeSeries !== null) merged.timeSeries.push(r.timeSeries);
  });
  return merged;
}
