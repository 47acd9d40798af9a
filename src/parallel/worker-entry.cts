/**
 * piscina's entry file. piscina loads it with require() as each thread starts; were it ersim's ES
 * module, Node 20 would load the whole module graph synchronously (require of ESM), and a thread
 * terminated in the middle of that (a pool stopped early: a run done or failed while a thread still
 * loads) aborts the process. A CommonJS file loads at once; ersim's modules then load with import()
 * at the thread's first task.
 */
export = async function work(task: unknown): Promise<unknown> {
  const { default: run } = await import('./worker.js');
  return run(task as Parameters<typeof run>[0]);
};
