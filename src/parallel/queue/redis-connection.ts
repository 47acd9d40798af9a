import { Redis } from 'ioredis';
import { displayUrl } from './redis-url.js';

/** The Redis set where submitters list their queues, so that workers find them. */
export const QUEUES_KEY = 'ersim:queues';

/** How long a command may wait for Redis's answer before it counts as lost. */
export const ANSWER_MS = 3000;

/** `promise`, or a rejection with `message` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Connect once, quickly, and fail with a clear message when Redis cannot be reached or does not
 * answer (a port that accepts but never replies). Once connected, the client reconnects by itself
 * when Redis goes away and comes back; while it is away, commands fail at once instead of waiting.
 */
export async function reachable(url: URL): Promise<Redis> {
  const client = new Redis(url.toString(), { lazyConnect: true, connectTimeout: ANSWER_MS, maxRetriesPerRequest: 1, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined); // reported by the rejected connect below, or by the watchdog
  try {
    await within(client.connect(), ANSWER_MS + 500, 'no connection');
    await within(client.ping(), ANSWER_MS, `no answer within ${ANSWER_MS / 1000} s`);
  } catch (error) {
    client.disconnect();
    throw new Error(`cannot reach Redis at ${displayUrl(url)}: ${(error as Error).message || String(error)}`);
  }
  client.options.retryStrategy = (attempt: number) => Math.min(200 * attempt, 2000);
  return client;
}

/**
 * Ping Redis every second through `client`; `onLost` is called once when no answer has come for
 * `timeoutMs` (Redis stopped, the network gone, a port that stopped answering). Returns the stop.
 */
export function watchRedis(client: Redis, timeoutMs: number, onLost: (silentMs: number) => void): () => void {
  let lastAnswer = Date.now();
  let lost = false;
  const timer = setInterval(() => {
    within(client.ping(), Math.min(ANSWER_MS, timeoutMs), 'no answer').then(
      () => (lastAnswer = Date.now()),
      () => {
        const silent = Date.now() - lastAnswer;
        if (!lost && silent >= timeoutMs) {
          lost = true;
          onLost(silent);
        }
      },
    );
  }, 1000);
  return () => clearInterval(timer);
}
