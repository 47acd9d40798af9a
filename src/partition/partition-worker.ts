import { parentPort, workerData } from 'node:worker_threads';
import type { PartitionWorkerData, PartitionWorkerReply } from './worker-messages.js';
import { beginPartitions, buildPartitions, finishPartitions, runWindow, Windows } from './partitioned-run.js';
import { StoppedError, ThreadExchange } from './thread-exchange.js';

/** Build this thread's partitions, run them window by window with the others, send their statistics. */
export function runPartitionThread(data: PartitionWorkerData): PartitionWorkerReply {
  const exchange = new ThreadExchange(data.setup, data.thread);
  try {
    const parts = buildPartitions(data.scenario, data.options, data.plan, data.partitions);
    beginPartitions(parts);
    const windows = new Windows(data.plan.window, data.scenario.duration);
    for (let run = 1; !windows.done; windows.advance(exchange.nextActivity), run++) {
      runWindow(parts, windows.until, (ps) => exchange.exchange(ps));
      // fault injection for tests: this thread fails in the middle of the run
      if (run === 10 && process.env.ERSIM_FAIL_THREAD === String(data.thread)) throw new Error(`injected failure of thread ${data.thread} (ERSIM_FAIL_THREAD)`);
    }
    return { states: finishPartitions(parts, data.scenario.duration) };
  } catch (error) {
    if (error instanceof StoppedError) return { stopped: true };
    exchange.fail();
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort !== null && (workerData as { partitionThread?: boolean } | null)?.partitionThread === true) {
  parentPort.postMessage(runPartitionThread(workerData as PartitionWorkerData));
}
