import { createRequire } from 'node:module';
import type { ReplicationResult } from '../runner/run-replication.js';
import { runResolvedTask, type Task } from './task.js';

/**
 * The piscina worker: one task in, its result rows out. A checked scenario runs at once; scenario
 * text is parsed and checked first (that needs the scenario modules, loaded only then). A time
 * series' values are moved to the main thread, not copied (they can be hundreds of megabytes).
 */
export default async function work(task: Task) {
  let result: ReplicationResult;
  if (task.scenario !== undefined) result = runResolvedTask(task, task.scenario);
  else {
    const { runTask } = await import('./run-task.js');
    result = runTask(task);
  }
  const values = result.timeSeries?.values;
  if (values === undefined) return result;
  // required here, not imported: the command line's bundle holds this module, and a run in one thread never loads piscina
  const piscina = createRequire(import.meta.url)('piscina') as typeof import('piscina');
  return piscina.move({ [piscina.transferableSymbol]: [values.buffer], [piscina.valueSymbol]: result });
}
