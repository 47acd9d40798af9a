import { Redis, type RedisOptions } from 'ioredis';

/** The Redis set where submitters list their queues, so that workers find them. */
export const QUEUES_KEY = 'ersim:queues';

/** `redis://[:password@]host:port[/db]` or `rediss://` (TLS); anything else is refused. */
export function checkRedisUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--queue: expected redis://HOST:PORT[/DB] or rediss://..., got "${text}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`--queue: expected a redis:// or rediss:// URL, got "${text}"`);
  if (!/^\/?\d*$/.test(url.pathname)) throw new Error(`--queue: the database must be a number (redis://host:port/0), got "${url.pathname}"`);
  return url;
}

/** The URL with its password hidden, for messages. */
export function displayUrl(url: URL): string {
  const shown = new URL(url.toString());
  if (shown.password !== '') shown.password = '***';
  return shown.toString();
}

/** A connection for BullMQ (which needs unlimited retries per request on blocking commands). */
export function connect(url: URL, options: RedisOptions = {}): Redis {
  return new Redis(url.toString(), { maxRetriesPerRequest: null, ...options });
}

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
