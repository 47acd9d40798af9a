import type { Command } from 'commander';
import { integerOption, queueOption } from './run-command.js';
import { defaultWorkers } from '../parallel/default-workers.js';
import { UsageError } from './errors.js';

/** `ersim worker`: take tasks of any run submitted with --queue, until interrupted. */
export function registerWorker(program: Command, io: { out: (s: string) => void; err: (s: string) => void }): void {
  program
    .command('worker')
    .description('serve runs submitted with --queue: take their tasks from Redis (BullMQ), run them on worker threads, return the results; stops on Ctrl-C or SIGTERM')
    .requiredOption('--queue <url>', 'the Redis the runs are submitted to (redis://[:password@]host:port[/db], rediss:// for TLS)')
    .option('--concurrency <n>', 'tasks at a time, each on its own thread (default: the available cores)')
    .action(async (options: { queue: string; concurrency?: string }) => {
      const url = queueOption(options.queue);
      if (url === undefined) throw new UsageError('--queue is required');
      const concurrency = options.concurrency === undefined ? defaultWorkers() : integerOption('--concurrency', options.concurrency, 1);
      const { serveQueues } = await import('../parallel/queue/queue-worker.js');
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await serveQueues(url, concurrency, io, stop.signal);
      } catch (error) {
        throw new UsageError((error as Error).message);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
