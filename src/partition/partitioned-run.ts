import type { CompiledRun } from '../compile/compile.js';
import type { Nanos } from '../core/time.js';
import { buildRun } from '../planner/build.js';
import type { Scenario } from '../planner/scenario.js';
import { Partition } from './partition.js';
import type { PartitionPlan } from './plan.js';
import { captureStats, mergeStats, type StatsState } from './stats-state.js';
import { TimeSeriesSampler, type TimeSeries } from '../stats/time-series.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { PartitionedOptions, PartitionWorkerData, PartitionWorkerReply } from './worker-messages.js';
import { StoppedError, ThreadExchange, threadSetup } from './thread-exchange.js';
import { nextActivity } from './next-activity.js';

/** The totals of a partitioned replication whose statistics were merged into partition 0's copy. */
export interface PartitionedCounts {
  events: number;
  packets: number;
  timeSeries: TimeSeries | null;
}

/** A partitioned replication under way in this thread (see ReplicationRun): `finish` merges the partitions into partition 0's copy. */
export interface PartitionedRun {
  advance(maxEvents: number): boolean;
  finish(): PartitionedCounts;
}

/**
 * The windows of a partitioned run: window w simulates [w x length, (w + 1) x length - 1], the last
 * one up to the end. `length` is at most the lookahead, so what is sent in a window arrives after it.
 */
export class Windows {
  window = 0;

  constructor(
    readonly length: Nanos,
    readonly end: Nanos,
  ) {}

  /** The last instant of the current window. */
  get until(): Nanos {
    return Math.min(this.end, (this.window + 1) * this.length - 1);
  }

  get done(): boolean {
    return this.window * this.length > this.end;
  }

  /**
   * Go to the next window with something to do: nothing happens anywhere before `next` (every
   * partition's earliest event and earliest packet in flight), so the windows before its own are
   * skipped (a sparse run: a few packets a second over months of failures). The same for any
   * number of threads, as `next` is.
   */
  advance(next: Nanos): void {
    this.window = Math.max(this.window + 1, Math.floor(next / this.length));
  }
}


/** Build the copies of the network for partitions `indices` (`first`: an already compiled copy, used for the first of them). */
export function buildPartitions(scenario: Scenario, options: PartitionedOptions, plan: PartitionPlan, indices: readonly number[], first?: CompiledRun): Partition[] {
  return indices.map((p, k) => {
    const partition = new Partition(p, k === 0 && first !== undefined ? first : buildRun(scenario, options), plan);
    const interval = options.timeSeriesInterval;
    if (interval !== undefined) {
      const id = { variant: scenario.variant, replication: options.replication, seed: options.seed };
      partition.sampler = new TimeSeriesSampler(partition.run.sim, partition.run.network, interval, id, scenario.duration);
    }
    return partition;
  });
}

/** Schedule the partitions' first events (and samples). */
export function beginPartitions(parts: readonly Partition[]): void {
  for (const p of parts) {
    p.run.begin();
    p.sampler?.begin();
  }
}

/**
 * Simulate one window in `parts` (partitions of this thread, in partition order), then hand each
 * partition here the packets sent to it: `remote` takes the outboxes of partitions on other threads
 * and returns what they sent to these (blocks of [destination, source, length, data...]).
 */
export function runWindow(parts: readonly Partition[], until: Nanos, remote?: (parts: readonly Partition[]) => Float64Array[]): void {
  for (const p of parts) p.run.sim.runUntil(until);
  const inbound = remote?.(parts) ?? [];
  for (const dst of parts) {
    // what each source sent, in source order: the same whichever thread ran which partition
    const blocks: { from: number; data: Float64Array; start: number; end: number }[] = [];
    for (const src of parts) {
      const box = src.outboxes[dst.index]!;
      if (box.length > 0) blocks.push({ from: src.index, data: box.data, start: 0, end: box.length });
    }
    for (const data of inbound) {
      let k = 0;
      while (k < data.length) {
        const to = data[k]!;
        const from = data[k + 1]!;
        const length = data[k + 2]!;
        if (to === dst.index) blocks.push({ from, data, start: k + 3, end: k + 3 + length });
        k += 3 + length;
      }
    }
    blocks.sort((a, b) => a.from - b.from);
    for (const b of blocks) dst.deliver(b.from, b.data, b.start, b.end);
  }
  for (const src of parts) for (const box of src.outboxes) box.length = 0;
}

/** Close the books of a thread's partitions and copy their statistics. */
export function finishPartitions(parts: readonly Partition[], end: Nanos): StatsState[] {
  return parts.map((p) => {
    p.run.network.finish(end);
    return captureStats(p.run, p.sampler?.series() ?? null);
  });
}

/**
 * A partitioned replication in this thread: every partition in turn, window by window (what one
 * thread does of `--threads`; the result is the same for any number). `first` is partition 0's copy.
 */
export function startPartitioned(scenario: Scenario, options: PartitionedOptions, first: CompiledRun, plan: PartitionPlan): PartitionedRun {
  const init = captureStats(first);
  const parts = buildPartitions(
    scenario,
    options,
    plan,
    Array.from({ length: plan.count }, (_, i) => i),
    first,
  );
  beginPartitions(parts);
  const windows = new Windows(plan.window, scenario.duration);
  const events = (): number => parts.reduce((n, p) => n + p.run.sim.eventsProcessed, 0);
  let reported = 0;
  return {
    advance(maxEvents: number): boolean {
      const before = events();
      while (!windows.done) {
        runWindow(parts, windows.until);
        windows.advance(nextActivity(parts));
        const fraction = Math.min(1, (windows.window * plan.window) / scenario.duration);
        const total = events();
        if (fraction - reported >= 0.01 || windows.done) {
          reported = fraction;
          options.onProgress?.(fraction, total);
        }
        if (total - before >= maxEvents) return windows.done;
      }
      return true;
    },
    finish: () => mergeStats(first, init, finishPartitions(parts, scenario.duration)),
  };
}

/** Threads for each partition: partition 0 (whose copy gathers the results) on this thread, the others the heaviest first onto the least loaded. */
export function placePartitions(plan: PartitionPlan, threads: number): number[] {
  const load = new Array<number>(threads).fill(0);
  const threadOf = new Array<number>(plan.count).fill(0);
  load[0] = plan.weights[0]!;
  const rest = plan.weights.map((w, p) => ({ w, p })).slice(1).sort((a, b) => b.w - a.w || a.p - b.p);
  for (const { w, p } of rest) {
    let t = 0;
    for (let u = 1; u < threads; u++) if (load[u]! < load[t]!) t = u;
    threadOf[p] = t;
    load[t]! += w;
  }
  return threadOf;
}

/** How often this thread lets the event loop run (a signal, the progress bar) between windows. */
const YIELD_MS = 50;

/**
 * A partitioned replication on `threads` threads: this one runs partition 0 and those placed with
 * it, worker threads the others, window by window behind a barrier. The result is the same as
 * `startPartitioned`'s, byte for byte: each partition sees the same events in the same order
 * whichever thread runs it. `first` is partition 0's compiled copy, into which the statistics are merged.
 */
export async function runPartitionedOnThreads(
  scenario: Scenario,
  options: PartitionedOptions,
  first: CompiledRun,
  plan: PartitionPlan,
  threads: number,
  signal?: AbortSignal,
): Promise<PartitionedCounts> {
  threads = Math.max(1, Math.min(threads, plan.count));
  const threadOf = placePartitions(plan, threads);
  const setup = threadSetup(threads, threadOf);
  const mine = threadOf.flatMap((t, p) => (t === 0 ? [p] : []));
  const init = captureStats(first);
  const workers: Worker[] = [];
  const replies: Promise<PartitionWorkerReply>[] = [];
  const exchange = new ThreadExchange(setup, 0);
  // loaded when a replication is split: node:worker_threads costs every other run 1-2 ms at start (docs/performance.md)
  const { Worker: WorkerThread } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  try {
    for (let t = 1; t < threads; t++) {
      const data: PartitionWorkerData & { partitionThread: true } = {
        partitionThread: true,
        scenario,
        options: { seed: options.seed, replication: options.replication, eventList: options.eventList, timeSeriesInterval: options.timeSeriesInterval },
        plan,
        partitions: threadOf.flatMap((u, p) => (u === t ? [p] : [])),
        setup,
        thread: t,
      };
      const worker = new WorkerThread(partitionWorkerFile(), { workerData: data });
      workers.push(worker);
      replies.push(
        new Promise((resolve) => {
          worker.once('message', resolve);
          worker.once('error', (error) => {
            exchange.fail();
            resolve({ error: error.message });
          });
        }),
      );
    }
    const parts = buildPartitions(scenario, options, plan, mine, first);
    beginPartitions(parts);
    const windows = new Windows(plan.window, scenario.duration);
    let yielded = Date.now();
    let reported = 0;
    try {
      for (; !windows.done; windows.advance(exchange.nextActivity)) {
        runWindow(parts, windows.until, (ps) => exchange.exchange(ps));
        if (Date.now() - yielded >= YIELD_MS) {
          await new Promise((done) => setImmediate(done));
          yielded = Date.now();
          if (signal?.aborted) exchange.stop();
          const fraction = Math.min(1, ((windows.window + 1) * plan.window) / scenario.duration);
          if (fraction - reported >= 0.01) {
            reported = fraction;
            options.onProgress?.(fraction, exchange.totalEvents);
          }
        }
      }
    } catch (error) {
      if (error instanceof StoppedError) throw signal?.reason ?? error;
      exchange.fail();
      const failed = (await Promise.all(replies)).find((r): r is { error: string } => 'error' in r);
      throw new Error(failed?.error ?? (error as Error).message);
    }
    const states = new Array<StatsState>(plan.count);
    finishPartitions(parts, scenario.duration).forEach((s, k) => (states[mine[k]!] = s));
    const answers = await Promise.all(replies);
    answers.forEach((answer, k) => {
      if ('error' in answer) throw new Error(answer.error);
      if ('stopped' in answer) throw new StoppedError('stopped');
      const theirs = threadOf.flatMap((u, p) => (u === k + 1 ? [p] : []));
      answer.states.forEach((s, i) => (states[theirs[i]!] = s));
    });
    options.onProgress?.(1, states.reduce((n, s) => n + s.events, 0));
    return mergeStats(first, init, states);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The compiled entry of the partition threads (tests run the TypeScript sources, whose build sits in
 * dist/). Named from src/'s folders: the same path from this module and from the command line's bundle.
 */
function partitionWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return join(resolve(dirname(here), '../..'), 'dist/src/partition/partition-worker-entry.cjs');
  return fileURLToPath(new URL('../partition/partition-worker-entry.cjs', import.meta.url));
}
