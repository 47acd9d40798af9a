import { Worker, type Job } from 'bullmq';
import type { ReplicationResult } from '../../runner/run-replication.js';
import { encodeResultText } from '../result-codec.js';
import { createPool } from '../run-tasks.js';
import { describeTask } from '../task.js';
import { ANSWER_MS, QUEUES_KEY, reachable, within } from './redis-connection.js';
import { checkRedisUrl, displayUrl } from './redis-url.js';
import { fromPayload } from './task-payload.js';

const DISCOVER_EVERY_MS = 200;
/**
 * A worker holds a lock on its task and renews it while the task runs (on worker threads, so the
 * renewals are never starved); a worker killed mid-task stops renewing, and after the lock expires
 * another worker's stalled-job check puts the task back in the queue.
 */
const LOCK_MS = 5_000;
const STALLED_CHECK_MS = 2_500;

/** The largest result a worker sends back through Redis (characters of base64). */
const MAX_RESULT_CHARS = 256e6;

/**
 * `ersim worker`: serve every ersim queue listed in Redis (one BullMQ worker per submitted run),
 * running up to `concurrency` tasks at once on a pool of as many worker threads. A task is data:
 * it is checked like any scenario before it runs. Stops when `signal` aborts.
 */
export async function serveQueues(urlText: string, concurrency: number, io: { out: (s: string) => void; err: (s: string) => void }, signal: AbortSignal): Promise<void> {
  const url = checkRedisUrl(urlText);
  const control = await reachable(url);
  const connection = { url: url.toString(), maxRetriesPerRequest: null };
  const pool = createPool(concurrency);
  const workers = new Map<string, Worker>();
  const process = async (job: Job): Promise<string> => {
    const task = fromPayload(job.data);
    const started = Date.now();
    io.out(`${job.queueName}: ${describeTask(task)} started\n`);
    const result = (await pool.run(task)) as ReplicationResult;
    io.out(`${job.queueName}: ${describeTask(task)} done in ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
    const text = encodeResultText(result);
    // Redis holds a value of at most 512 MB; a time series that big belongs on a local run
    if (text.length > MAX_RESULT_CHARS) throw new Error(`its result is ${(text.length / 1e6).toFixed(0)} MB, more than a queue carries (${MAX_RESULT_CHARS / 1e6} MB): sample the time series less often (--timeseries) or run it locally`);
    return text;
  };
  const discover = async (): Promise<void> => {
    const names = new Set(await control.smembers(QUEUES_KEY));
    for (const name of names) {
      if (workers.has(name)) continue;
      const worker = new Worker(name, process, { connection, concurrency, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: 3 });
      worker.on('failed', (job, error) => io.err(`${name}: task ${job?.id ?? '?'} failed: ${error.message}\n`));
      // while Redis is away every connection reports it again and again: say it once
      let lastError = '';
      worker.on('error', (error) => {
        if (error.message !== lastError) io.err(`${name}: ${error.message}\n`);
        lastError = error.message;
      });
      workers.set(name, worker);
      io.out(`serving ${name}\n`);
    }
    for (const [name, worker] of workers) {
      if (names.has(name)) continue;
      workers.delete(name);
      // the submitter removed its queue; what this worker wrote since (its metadata) goes too
      void worker
        .close(true)
        .then(() => control.del(`bull:${name}:meta`))
        .catch(() => undefined);
    }
  };
  io.out(`ersim worker: ${concurrency} task(s) at a time, waiting for runs at ${displayUrl(url)}\n`);
  await discover();
  let lastDiscoveryError = '';
  const timer = setInterval(
    () =>
      void discover().then(
        () => {
          if (lastDiscoveryError !== '') io.err(`Redis at ${displayUrl(url)} answers again: serving\n`);
          lastDiscoveryError = '';
        },
        (e: Error) => {
          if (e.message !== lastDiscoveryError) io.err(`discovery: ${e.message} (retrying)\n`);
          lastDiscoveryError = e.message;
        },
      ),
    DISCOVER_EVERY_MS,
  );
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve());
  });
  clearInterval(timer);
  // stop now, not when the tasks under way end: they are abandoned (their threads stopped) and,
  // once their locks expire, BullMQ hands them to another worker
  await within(Promise.allSettled([...workers.values()].map((w) => w.close(true))), ANSWER_MS, 'close').catch(() => undefined);
  await within(pool.destroy(), ANSWER_MS, 'pool').catch(() => undefined);
  control.disconnect();
}
