import { runResolvedTask, type Task } from './task.js';

/**
 * The piscina worker: one task in, its result rows out. A checked scenario runs at once; scenario
 * text is parsed and checked first (that needs the scenario modules, loaded only then).
 */
export default async function work(task: Task) {
  if (task.scenario !== undefined) return runResolvedTask(task, task.scenario);
  const { runTask } = await import('./run-task.js');
  return runTask(task);
}
