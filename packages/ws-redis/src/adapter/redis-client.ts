// The part of a node-redis client the adapter uses, so a client the user built (any modules, RESP 2 or 3) fits.

/** A message listener as node-redis calls it. */
export type ChannelListener = (message: string, channel: string) => unknown;

/**
 * What `redisAdapter({ client })` needs of a node-redis client (`createClient()` from `redis`). Typed by shape so
 * that clients built with modules, scripts or RESP 3 are accepted alike.
 */
export interface RedisCommandClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  destroy(): void;
  duplicate(): RedisCommandClient;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'end', listener: () => void): unknown;
  info(section: string): Promise<unknown>;
  publish(channel: string, message: string): Promise<unknown>;
  sPublish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string, listener: ChannelListener): Promise<unknown>;
  unsubscribe(channel: string, listener: ChannelListener): Promise<unknown>;
  sSubscribe(channel: string, listener: ChannelListener): Promise<unknown>;
  sUnsubscribe(channel: string, listener: ChannelListener): Promise<unknown>;
  hSet(key: string, field: string, value: string): Promise<unknown>;
  hDel(key: string, field: string): Promise<unknown>;
  hGetAll(key: string): Promise<unknown>;
  pExpire(key: string, milliseconds: number): Promise<unknown>;
  set(key: string, value: string, options: { readonly PX: number }): Promise<unknown>;
  del(key: string): Promise<unknown>;
  mGet(keys: string[]): Promise<unknown>;
}
