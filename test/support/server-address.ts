// Where a test client connects: a loopback port, or the base URL that `app.listen()` resolves with.
/** A loopback port (`4321`) or a base URL (`http://127.0.0.1:4321`). */
export type ServerAddress = number | string;

/**
 * The host and port a client connects to for `address`.
 * @example hostAndPort('http://127.0.0.1:4321') // { host: '127.0.0.1', port: 4321 }
 */
export function hostAndPort(address: ServerAddress): { host: string; port: number } {
  if (typeof address === 'number') return { host: '127.0.0.1', port: address };
  const url = new URL(address);
  return { host: url.hostname, port: Number(url.port) };
}
