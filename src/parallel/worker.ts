import { runTask, type Task } from './task.js';

/** The piscina worker: one task in, its result rows out. */
export default function work(task: Task) {
  return runTask(task);
}
