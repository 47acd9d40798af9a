import { checkScenario, type CheckedRun } from '../planner/check.js';
import { parseScenarioText } from '../planner/load.js';
import { failIfAsked, replicationOptions, runResolvedTask, type Task } from './task.js';
import { compileReplication, runSplit, startReplication, type ReplicationResult, type ReplicationRun } from '../runner/run-replication.js';
import type { Scenario } from '../planner/scenario.js';

/** Events simulated between two looks at the event loop (a Ctrl-C, a progress bar): about 0.1-0.3 s. */
const BATCH_EVENTS = 1 << 20;

/** Run a task in this thread, checking its scenario text first unless it comes checked. */
export function runTask(task: Task, onProgress?: (fraction: number, events: number) => void): ReplicationResult {
  return runResolvedTask(task, resolve(task), onProgress);
}

/**
 * The same, giving the event loop a turn between batches of events, so that a signal handler can
 * run: when `signal` is aborted by then, the task stops there and the promise rejects with its reason.
 */
export async function runTaskInTurns(
  task: Task,
  onProgress?: (fraction: number, events: number) => void,
  signal?: AbortSignal,
  threads = 1,
  built?: CheckedRun['run'],
): Promise<ReplicationResult> {
  const scenario = resolve(task);
  failIfAsked(task);
  const options = replicationOptions(task, onProgress);
  const compiled = compileReplication(scenario, options, built);
  if (threads > 1 && compiled.plan.count > 1) return runSplit(scenario, options, compiled, threads, signal);
  return finishInTurns(startReplication(scenario, options, compiled), signal);
}

async function finishInTurns(run: ReplicationRun, signal?: AbortSignal): Promise<ReplicationResult> {
  while (!run.advance(BATCH_EVENTS)) {
    await new Promise((done) => setImmediate(done));
    if (signal?.aborted) throw signal.reason;
  }
  return run.finish();
}

function resolve(task: Task): Scenario {
  if (task.scenario !== undefined) return task.scenario;
  // a task that arrives as text (from a queue) is checked like any scenario before it runs
  const loaded = parseScenarioText(task.text, task.file, task.overrides, task.attachments);
  checkScenario(loaded, task.availabilityOnly === true ? 'availability' : 'packets', { maxEvents: task.maxEvents, maxMemory: task.maxMemory, timeSeriesInterval: task.timeSeriesInterval });
  const scenario = loaded.variants.find((v) => v.variant === task.variant);
  if (scenario === undefined) throw new Error(`no variant '${task.variant}'`);
  return scenario;
}
