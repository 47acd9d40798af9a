import type { EventListKind } from '../core/event-list.js';
import type { Nanos } from '../core/time.js';
import { runToEnd, startReplication, type ReplicationOptions, type ReplicationResult } from '../runner/run-replication.js';
import type { Attachments, ScenarioOverrides } from '../scenario/load.js';
import type { Scenario } from '../planner/scenario.js';

/**
 * One run: a replication of a variant (at a sweep point) of a scenario. A task is data, never code:
 * it carries the scenario's text, and whoever runs it parses and checks it like any scenario
 * (local worker threads may be handed the already-checked scenario as well, to skip that).
 */
export interface Task {
  file: string;
  text: string;
  /** The files the scenario includes (a site table), by the name it gives them. */
  attachments?: Attachments;
  /** Field paths set before checking (command-line options, a sweep point). */
  overrides: ScenarioOverrides;
  variant: string;
  replication: number;
  seed: number;
  eventList?: EventListKind;
  availabilityOnly?: boolean;
  /** The run's --max-events and --max-memory, which a worker checks the task's scenario against. */
  maxEvents?: number;
  maxMemory?: number;
  timeSeriesInterval?: Nanos;
  /** Labels the task in errors and progress (the sweep point). */
  label: string;
  /** The checked variant, when the caller has it (not part of the task's identity). */
  scenario?: Scenario;
}

/** Run a task whose scenario is known. `ERSIM_FAIL_TASK=description` makes that task throw (fault injection for tests). */
export function runResolvedTask(task: Task, scenario: Scenario, onProgress?: (fraction: number, events: number) => void): ReplicationResult {
  failIfAsked(task);
  return runToEnd(startReplication(scenario, replicationOptions(task, onProgress)));
}

export function replicationOptions(task: Task, onProgress?: (fraction: number, events: number) => void): ReplicationOptions {
  return {
    seed: task.seed,
    replication: task.replication,
    eventList: task.eventList,
    availabilityOnly: task.availabilityOnly,
    timeSeriesInterval: task.timeSeriesInterval,
    onProgress,
  };
}

/** Fault injection for tests: `ERSIM_FAIL_TASK=description` makes that task throw. */
export function failIfAsked(task: Task): void {
  if (process.env.ERSIM_FAIL_TASK !== undefined && process.env.ERSIM_FAIL_TASK === describeTask(task)) {
    throw new Error('injected failure (ERSIM_FAIL_TASK)');
  }
}

/** "point x=1 / variant v / replication 2 / seed 7" */
export function describeTask(task: Task): string {
  return [task.label, `variant ${task.variant}`, `replication ${task.replication}`, `seed ${task.seed}`].filter((s) => s !== '').join(' / ');
}
