import type { ReplicationResult } from '../runner/run-replication.js';
import { checkScenario } from '../planner/check.js';
import { parseScenarioText } from '../planner/load.js';
import { runResolvedTask, type Task } from './task.js';

/** Run a task in this thread, checking its scenario text first unless it comes checked. */
export function runTask(task: Task, onProgress?: (fraction: number, events: number) => void): ReplicationResult {
  if (task.scenario !== undefined) return runResolvedTask(task, task.scenario, onProgress);
  // a task that arrives as text (from a queue) is checked like any scenario before it runs
  const loaded = parseScenarioText(task.text, task.file, task.overrides);
  checkScenario(loaded, task.availabilityOnly === true ? 'availability' : 'packets');
  const scenario = loaded.variants.find((v) => v.variant === task.variant);
  if (scenario === undefined) throw new Error(`no variant '${task.variant}'`);
  return runResolvedTask(task, scenario, onProgress);
}
