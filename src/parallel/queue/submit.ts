import { createHash } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { ReplicationResult } from '../../runner/run-replication.js';
import { decodeResultText } from '../result-codec.js';
import { describeTask, type Task } from '../task.js';
import { ANSWER_MS, QUEUES_KEY, reachable, watchRedis, within } from './redis-connection.js';
import { checkRedisUrl, displayUrl } from './redis-url.js';
import { toPayload } from './task-payload.js';

/** A task failing on every attempt (BullMQ retries it once elsewhere first) fails the run. */
const ATTEMPTS = 2;
const STATUS_EVERY_MS = 500;

export interface QueueStatus {
  queued: number;
  running: number;
  done: number;
  workers: number;
}

export interface QueueRunOptions {
  signal?: AbortSignal;
  /** Give up when Redis has not answered for this long (default 30 s). */
  timeoutMs?: number;
  onTaskDone: (index: number, result: ReplicationResult) => void;
  onStatus?: (status: QueueStatus) => void;
}

/**
 * Run tasks on whatever `ersim worker` processes serve the Redis at `urlText`: the tasks go to a
 * BullMQ queue named after this run (listed in a Redis set so workers find it), and each result
 * comes back as the job's return value. A worker that dies mid-task loses nothing (BullMQ's
 * stalled-job check hands the task to another); Ctrl-C removes the run's queue and pending tasks.
 */
export async function runTasksOnQueue(tasks: readonly Task[], urlText: string, options: QueueRunOptions): Promise<void> {
  if (tasks.length === 0) return;
  const url = checkRedisUrl(urlText);
  const control = await reachable(url);
  const name = queueName(tasks);
  const connection = { url: url.toString(), maxRetriesPerRequest: null };
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  // one waiter per task listens on these
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  let remaining = tasks.length;
  // BullMQ's connections report a lost Redis as error events, again and again while it is away:
  // keep the last one for the message instead of printing each
  let lastError = '';
  queue.on('error', (e: Error) => (lastError = e.message));
  events.on('error', (e: Error) => (lastError = e.message));
  const timeoutMs = options.timeoutMs ?? 30_000;
  let stopWatching = (): void => undefined;
  const abort = new Promise<never>((_, reject) => {
    if (options.signal?.aborted) reject(new Error('interrupted'));
    options.signal?.addEventListener('abort', () => reject(new Error('interrupted')));
    stopWatching = watchRedis(control, timeoutMs, (silent) =>
      reject(new Error(`lost Redis at ${displayUrl(url)}: no answer for ${Math.round(silent / 1000)} s${lastError ? ` (${lastError})` : ''}; --queue-timeout sets how long to wait`)),
    );
  });
  abort.catch(() => undefined); // raced below; a signal after the run is over goes unheard
  const status = setInterval(() => {
    void Promise.all([queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), queue.getWorkersCount()]).then(
      ([c, workers]) => options.onStatus?.({ queued: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), running: c.active ?? 0, done: tasks.length - remaining, workers }),
      () => undefined,
    );
  }, STATUS_EVERY_MS);
  try {
    await Promise.race([abort, events.waitUntilReady()]);
    await Promise.race([abort, control.sadd(QUEUES_KEY, name)]);
    const jobs = await Promise.race([abort, queue.addBulk(
      tasks.map((task, i) => ({ name: 'task', data: toPayload(task), opts: { jobId: `task-${i}`, attempts: ATTEMPTS, removeOnComplete: false, removeOnFail: false } })),
    )]);
    await Promise.race([
      abort,
      Promise.all(
        jobs.map((job, i) =>
          job.waitUntilFinished(events).then(
            (value: unknown) => {
              remaining--;
              options.onTaskDone(i, decodeResultText(String(value)));
            },
            (error: unknown) => {
              throw new Error(`task ${describeTask(tasks[i]!)} failed on a worker: ${(error as Error).message || String(error)}`);
            },
          ),
        ),
      ),
    ]);
  } catch (error) {
    if ((error as Error).message.includes('ECONNREFUSED') || (error as Error).message.includes('Connection is closed')) {
      throw new Error(`lost Redis at ${displayUrl(url)}: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    clearInterval(status);
    stopWatching();
    // the run is over (done, failed or interrupted): nothing of it stays in Redis; a Redis that is
    // gone gets a few seconds, then the connections are dropped
    const cleanUp = async (): Promise<void> => {
      await control.srem(QUEUES_KEY, name).catch(() => undefined);
      await queue.obliterate({ force: true }).catch(() => undefined);
      await Promise.allSettled([events.close(), queue.close()]);
    };
    await within(cleanUp(), 2 * ANSWER_MS, 'cleanup').catch(() => {
      void events.disconnect().catch(() => undefined);
      void queue.disconnect().catch(() => undefined);
    });
    control.disconnect();
  }
}

/** Unique per run (two identical runs at once get two queues): a hash of the tasks, the process and the time. */
function queueName(tasks: readonly Task[]): string {
  const hash = createHash('sha256');
  for (const t of tasks) hash.update(JSON.stringify(toPayload(t)));
  return `ersim-${hash.digest('hex').slice(0, 12)}-${process.pid}-${Date.now()}`;
}
