/** `redis://[:password@]host:port[/db]` or `rediss://` (TLS); anything else is refused. Loads no Redis client. */
export function checkRedisUrl(text: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) {
    throw new Error(`--queue: expected redis://[:password@]host:port[/db] or rediss://..., got "${text}"`);
  }
  if (!/^\/?\d*$/.test(url.pathname)) throw new Error(`--queue: the database must be a number (redis://host:port/0), got "${url.pathname}"`);
  return url;
}

/** The URL with its password hidden, for messages. */
export function displayUrl(url: URL): string {
  const shown = new URL(url.toString());
  if (shown.password !== '') shown.password = '***';
  return shown.toString();
}
