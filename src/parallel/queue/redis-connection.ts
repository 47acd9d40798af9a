import { Redis } from 'ioredis';
import { displayUrl } from './redis-url.js';

/** The Redis set where submitters list their queues, so that workers find them. */
export const QUEUES_KEY = 'ersim:queues';

/** Connect once, quickly, and fail with a clear message when Redis cannot be reached. */
export async function reachable(url: URL): Promise<Redis> {
  const client = new Redis(url.toString(), { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined); // reported by the rejected connect below
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    throw new Error(`cannot reach Redis at ${displayUrl(url)}: ${(error as Error).message || String(error)}`);
  }
}
