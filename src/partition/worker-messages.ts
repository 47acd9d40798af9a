import type { Scenario } from '../planner/scenario.js';
import type { RunOptions } from '../compile/compile.js';
import type { Nanos } from '../core/time.js';
import type { PartitionPlan } from './plan.js';
import type { StatsState } from './stats-state.js';
import type { ThreadSetup } from './thread-exchange.js';

/** What a partitioned replication needs to know (compile's options, and where progress goes). */
export interface PartitionedOptions extends RunOptions {
  onProgress?: (fraction: number, events: number) => void;
  /** Sample flows and links at this interval (ns): each partition samples its copy; the samples merge. */
  timeSeriesInterval?: Nanos;
}

/** What a thread of a partitioned replication is given. */
export interface PartitionWorkerData {
  scenario: Scenario;
  options: Pick<PartitionedOptions, 'seed' | 'replication' | 'eventList' | 'timeSeriesInterval'>;
  plan: PartitionPlan;
  /** The partitions this thread runs. */
  partitions: number[];
  setup: ThreadSetup;
  thread: number;
}

/** A thread's answer: its partitions' statistics, or why it failed. */
export type PartitionWorkerReply = { states: StatsState[] } | { error: string } | { stopped: true };

