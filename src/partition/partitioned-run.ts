import type { CompiledRun } from '../compile/compile.js';
import type { Nanos } from '../core/time.js';
import { buildRun } from '../planner/build.js';
import type { Scenario } from '../planner/scenario.js';
import { collectResult, identity, type ReplicationOptions, type ReplicationResult, type ReplicationRun } from '../runner/run-replication.js';
import { Partition } from './partition.js';
import type { PartitionPlan } from './plan.js';
import { captureStats, mergeStats, type StatsState } from './stats-state.js';

/** The windows of a partitioned run: window w simulates [w x lookahead, (w + 1) x lookahead - 1], the last one up to the end. */
export class Windows {
  window = 0;

  constructor(
    readonly lookahead: Nanos,
    readonly end: Nanos,
  ) {}

  /** The last instant of the current window. */
  get until(): Nanos {
    return Math.min(this.end, (this.window + 1) * this.lookahead - 1);
  }

  get done(): boolean {
    return this.window * this.lookahead > this.end;
  }
}

/** Build the copies of the network for partitions `indices` (`first`: an already compiled copy, used for the first of them). */
export function buildPartitions(scenario: Scenario, options: ReplicationOptions, plan: PartitionPlan, indices: readonly number[], first?: CompiledRun): Partition[] {
  return indices.map((p, k) => new Partition(p, k === 0 && first !== undefined ? first : buildRun(scenario, options), plan));
}

/**
 * Simulate one window in `parts` (partitions of this thread, in partition order), then hand each
 * partition here the packets sent to it: `remote` takes the outboxes of partitions on other threads
 * and returns what they sent to these (blocks of [destination, source, length, data...]).
 */
export function runWindow(parts: readonly Partition[], until: Nanos, remote?: (parts: readonly Partition[]) => Float64Array[]): void {
  for (const p of parts) p.run.sim.runUntil(until);
  const inbound = remote?.(parts) ?? [];
  const local = new Map(parts.map((p) => [p.index, p]));
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
  for (const src of parts) for (const box of src.outboxes) if (local.has(src.index)) box.length = 0;
}

/** Close the books of a thread's partitions and copy their statistics. */
export function finishPartitions(parts: readonly Partition[], end: Nanos): StatsState[] {
  return parts.map((p) => {
    p.run.network.finish(end);
    return captureStats(p.run);
  });
}

/**
 * A partitioned replication in this thread: every partition in turn, window by window (what one
 * thread does of `--threads`; the result is the same for any number). `first` is partition 0's copy.
 */
export function startPartitioned(scenario: Scenario, options: ReplicationOptions, first: CompiledRun, plan: PartitionPlan): ReplicationRun {
  const started = process.hrtime.bigint();
  const init = captureStats(first);
  const parts = buildPartitions(
    scenario,
    options,
    plan,
    Array.from({ length: plan.count }, (_, i) => i),
    first,
  );
  for (const p of parts) p.run.begin();
  const windows = new Windows(plan.lookahead, scenario.duration);
  const events = (): number => parts.reduce((n, p) => n + p.run.sim.eventsProcessed, 0);
  let reported = 0;
  return {
    advance(maxEvents: number): boolean {
      const before = events();
      while (!windows.done) {
        runWindow(parts, windows.until);
        windows.window++;
        const fraction = Math.min(1, (windows.window * plan.lookahead) / scenario.duration);
        const total = events();
        if (fraction - reported >= 0.01 || windows.done) {
          reported = fraction;
          options.onProgress?.(fraction, total);
        }
        if (total - before >= maxEvents) return windows.done;
      }
      return true;
    },
    finish(): ReplicationResult {
      const states = finishPartitions(parts, scenario.duration);
      const counts = mergeStats(first, init, states);
      return collectResult(scenario, identity(scenario, options), first, started, counts, null);
    },
  };
}
