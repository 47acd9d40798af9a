/**
 * piscina's entry file. piscina loads it with require() as each thread starts; were it ersim's ES
 * module, Node 20 would load the whole module graph synchronously (require of ESM), and a thread
 * terminated in the middle of that (a pool stopped early: a run done or failed while a thread still
 * loads) aborts the process. A CommonJS file loads at once; ersim then loads (load-cli.cts) from the
 * command line's bundle and its code cache when there is one (load-cli.cts: a tenth of the time
 * its 250 modules take), before piscina hands the thread a task (it waits for the promise).
 */
import { loadCli } from './load-cli.cjs';

export = (async () => {
  const { runWorkerTask } = await loadCli();
  return (task: unknown): Promise<unknown> => runWorkerTask(task as Parameters<typeof runWorkerTask>[0]);
})();
