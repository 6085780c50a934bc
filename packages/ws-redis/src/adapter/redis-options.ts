// The options of redisAdapter(), checked once when it is called.
import { CorbelError } from '@corbel/core';
import type { RedisCommandClient } from './redis-client';

/** How the clients the adapter creates retry after losing Redis: exponential from `initialDelayMs` to `maxDelayMs`. */
export interface RedisReconnectOptions {
  /** Delay before the first retry, in ms (default 100). */
  readonly initialDelayMs?: number;
  /** The longest delay between retries, in ms (default 5,000). */
  readonly maxDelayMs?: number;
}

/** Options of `redisAdapter()`: `url` or `client`, exactly one. */
export interface RedisAdapterOptions {
  /** Where Redis is: `redis://host:6379` (the adapter creates and closes its two connections). */
  readonly url?: string;
  /**
   * A node-redis client you made (`createClient()` from `redis`): the adapter publishes on it and opens its own
   * subscriber with `client.duplicate()`. It connects the client if it is not open, and never closes it.
   */
  readonly client?: RedisCommandClient;
  /** Prefix of every channel and key the adapter uses (default `'corbel'`): apps sharing a Redis keep apart. */
  readonly keyPrefix?: string;
  /** Retry backoff of the connections the adapter creates. */
  readonly reconnect?: RedisReconnectOptions;
  /**
   * How long a process's presence counts outlive it when it dies without closing (default 15 s); they are
   * refreshed every third of it.
   */
  readonly presenceTtlMs?: number;
}

/** The options with their defaults, validated. */
export interface RedisAdapterSettings {
  readonly url: string | undefined;
  readonly client: RedisCommandClient | undefined;
  readonly keyPrefix: string;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly presenceTtlMs: number;
}

const KNOWN = new Set(['url', 'client', 'keyPrefix', 'reconnect', 'presenceTtlMs']);
const KNOWN_RECONNECT = new Set(['initialDelayMs', 'maxDelayMs']);

function invalid(message: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_ADAPTER', `redisAdapter(): ${message}`);
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`expected ${name} to be a positive number of ms, got ${String(value)}`);
  }
  return value;
}

function unknownKeys(value: object, known: Set<string>): string[] {
  return Object.keys(value).filter((key) => !known.has(key));
}

/** Refuses what the adapter would not understand, naming it; fills in the defaults. */
export function readRedisAdapterOptions(options: RedisAdapterOptions): RedisAdapterSettings {
  if (typeof options !== 'object' || options === null) throw invalid('expected { url } or { client }');
  const unknown = unknownKeys(options, KNOWN);
  if (unknown.length > 0) throw invalid(`unknown option(s) ${unknown.join(', ')} (known: ${[...KNOWN].join(', ')})`);
  const { url, client, keyPrefix = 'corbel', reconnect = {} } = options;
  if ((url === undefined) === (client === undefined)) throw invalid('expected exactly one of url and client');
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url))) {
    throw invalid(`expected url to be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`);
  }
  if (client !== undefined && typeof client?.duplicate !== 'function') {
    throw invalid('expected client to be a node-redis client (createClient() from redis)');
  }
  if (typeof keyPrefix !== 'string' || keyPrefix.length === 0) {
    throw invalid(`expected keyPrefix to be a non-empty string, got ${JSON.stringify(keyPrefix)}`);
  }
  if (typeof reconnect !== 'object' || reconnect === null) throw invalid('expected reconnect to be an object');
  const unknownReconnect = unknownKeys(reconnect, KNOWN_RECONNECT);
  if (unknownReconnect.length > 0) throw invalid(`unknown reconnect option(s) ${unknownReconnect.join(', ')}`);
  const initialDelayMs = positive('reconnect.initialDelayMs', reconnect.initialDelayMs, 100);
  const maxDelayMs = positive('reconnect.maxDelayMs', reconnect.maxDelayMs, 5_000);
  if (maxDelayMs < initialDelayMs) throw invalid('expected reconnect.maxDelayMs ≥ reconnect.initialDelayMs');
  return {
    url,
    client,
    keyPrefix,
    initialDelayMs,
    maxDelayMs,
    presenceTtlMs: positive('presenceTtlMs', options.presenceTtlMs, 15_000),
  };
}
