// redisAdapter(): carries WebSocketHub packets between processes over Redis pub/sub, one channel per room.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@corbel/core';
import { type AdapterHost, type AdapterPacket, decodePacket, encodePacket, type WebSocketAdapter } from '@corbel/ws';
import { createClient } from 'redis';
import { PresenceStore } from './presence-store';
import type { ChannelListener, RedisCommandClient } from './redis-client';
import { type RedisAdapterOptions, type RedisAdapterSettings, readRedisAdapterOptions } from './redis-options';

/** What the adapter has done since it started: packets are counted, never queued. */
export interface RedisAdapterStats {
  /** Packets handed to Redis (one per `to()` send, whatever the number of rooms). */
  readonly published: number;
  /** Packets not sent because Redis was unreachable (at-most-once delivery). */
  readonly dropped: number;
  /** Packets from other processes delivered here. */
  readonly received: number;
}

/** `redisAdapter()`'s adapter: a `WebSocketAdapter` plus its identity, connection state and counters. */
export interface RedisAdapter extends WebSocketAdapter {
  /** This process's id in packets and presence; its own packets are never delivered twice. */
  readonly instanceId: string;
  /** True while both connections (publisher and subscriber) are ready. */
  readonly isConnected: boolean;
  readonly stats: RedisAdapterStats;
}

const RESOLVED: Promise<void> = Promise.resolve();
// Redis 7 added sharded pub/sub (SSUBSCRIBE, SPUBLISH); older servers get the classic commands.
const SHARDED_SINCE_MAJOR = 7;

function redisMajorVersion(info: unknown): number {
  const match = /redis_version:(\d+)/.exec(String(info));
  return match ? Number(match[1]) : 0;
}

class RedisHubAdapter implements RedisAdapter {
  readonly name = 'redis';
  readonly instanceId = randomUUID();
  readonly #settings: RedisAdapterSettings;
  readonly #desired = new Set<string>();
  readonly #counters = { published: 0, dropped: 0, received: 0 };
  #host: AdapterHost | undefined;
  #logger: Logger | undefined;
  #publisher: RedisCommandClient | undefined;
  #subscriber: RedisCommandClient | undefined;
  #ownsPublisher = false;
  #presenceStore: PresenceStore | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #isSharded: boolean | undefined;
  #isLost = false;
  #isClosed = false;
  readonly #onMessage: ChannelListener = (message, channel) => this.#receive(message, channel);

  readonly presence = {
    countChanged: (room: string, localCount: number): void => {
      // Gateway-wide keys (no '#') are not rooms: size() is only asked of rooms.
      if (room.includes('#')) this.#presenceStore?.countChanged(room, localCount);
    },
    size: (room: string, localCount: number): Promise<number> => {
      const store = this.#presenceStore;
      return store ? store.size(room, localCount) : Promise.resolve(localCount);
    },
  };

  constructor(settings: RedisAdapterSettings) {
    this.#settings = settings;
  }

  get isConnected(): boolean {
    return this.#publisher?.isReady === true && this.#subscriber?.isReady === true;
  }

  get stats(): RedisAdapterStats {
    return { ...this.#counters };
  }

  start(host: AdapterHost): void {
    this.#host = host;
    this.#logger = host.logger;
    const settings = this.#settings;
    const publisher = settings.client ?? this.#createClient(settings.url as string);
    this.#ownsPublisher = settings.client === undefined;
    const subscriber = publisher.duplicate();
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    const prefix = settings.keyPrefix;
    this.#presenceStore = new PresenceStore(
      publisher,
      { room: (room) => `${prefix}:presence:${room}`, instance: (id) => `${prefix}:instance:${id}` },
      this.instanceId,
      settings.presenceTtlMs,
      host.logger,
    );
    for (const [room] of host.rooms()) this.#desired.add(this.#channel(room));
    for (const client of [publisher, subscriber]) client.on('error', (error) => this.#onError(error));
    publisher.on('ready', () => void this.#onPublisherReady());
    subscriber.on('ready', () => this.#onSubscriberReady());
    if (this.#ownsPublisher || !publisher.isOpen) this.#connect(publisher);
    else if (publisher.isReady) void this.#onPublisherReady();
    this.#connect(subscriber);
    this.#heartbeat = setInterval(() => void this.#presenceStore?.refresh(), Math.max(1, settings.presenceTtlMs / 3));
    this.#heartbeat.unref();
  }

  subscribe(room: string): void {
    const channel = this.#channel(room);
    this.#desired.add(channel);
    this.#subscribeNow(channel);
  }

  unsubscribe(room: string): void {
    const channel = this.#channel(room);
    this.#desired.delete(channel);
    const subscriber = this.#subscriber;
    if (!subscriber?.isReady || this.#isSharded === undefined) return;
    const done = this.#isSharded
      ? subscriber.sUnsubscribe(channel, this.#onMessage)
      : subscriber.unsubscribe(channel, this.#onMessage);
    done.catch((error: unknown) => this.#logger?.debug({ err: error, channel }, 'Redis unsubscribe failed'));
  }

  publish(packet: AdapterPacket): Promise<void> {
    const publisher = this.#publisher;
    if (!publisher?.isReady || this.#isSharded === undefined || this.#isClosed) {
      this.#counters.dropped++;
      return RESOLVED;
    }
    const wire = encodePacket(this.instanceId, packet);
    const sends = packet.rooms.map((room) =>
      this.#isSharded ? publisher.sPublish(this.#channel(room), wire) : publisher.publish(this.#channel(room), wire),
    );
    this.#counters.published++;
    return Promise.all(sends).then(
      () => undefined,
      (error: unknown) => {
        // The connection dropped while the packet was on its way: it may or may not have got out.
        this.#counters.published--;
        this.#counters.dropped++;
        this.#logger?.debug({ err: error }, 'Publishing to Redis failed; the packet is dropped');
      },
    );
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    clearInterval(this.#heartbeat);
    const publisher = this.#publisher;
    const subscriber = this.#subscriber;
    try {
      await this.#presenceStore?.clear();
    } catch (error) {
      this.#logger?.debug({ err: error }, 'Clearing WebSocket presence in Redis failed');
    }
    if (subscriber) await this.#release(subscriber);
    if (publisher && this.#ownsPublisher) await this.#release(publisher);
  }

  #createClient(url: string): RedisCommandClient {
    const { initialDelayMs, maxDelayMs } = this.#settings;
    return createClient({
      url,
      // At-most-once: a command made while Redis is away fails at once instead of waiting in memory.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(1_000, maxDelayMs),
        reconnectStrategy: (retries) => {
          const delay = Math.min(initialDelayMs * 2 ** Math.min(retries, 30), maxDelayMs);
          // A little jitter, so every process of a cluster does not knock at the same instant.
          return Math.round(delay * (0.8 + Math.random() * 0.4));
        },
      },
    });
  }

  #connect(client: RedisCommandClient): void {
    client.connect().catch((error: unknown) => {
      if (!this.#isClosed) this.#logger?.error({ err: error }, 'Connecting to Redis failed for good');
    });
  }

  async #onPublisherReady(): Promise<void> {
    const publisher = this.#publisher;
    if (!publisher || this.#isClosed) return;
    if (this.#isSharded === undefined) {
      try {
        this.#isSharded = redisMajorVersion(await publisher.info('server')) >= SHARDED_SINCE_MAJOR;
      } catch (error) {
        this.#logger?.debug({ err: error }, 'Reading the Redis version failed; using classic pub/sub');
        this.#isSharded = false;
      }
      this.#subscribeAll();
    }
    this.#onReady('publisher');
    await this.#presenceStore?.refresh();
  }

  #onSubscriberReady(): void {
    // node-redis subscribes again on its own after a reconnect; this also covers rooms joined while it was away.
    this.#subscribeAll();
    this.#onReady('subscriber');
  }

  #onReady(which: string): void {
    if (this.#isLost && this.isConnected) {
      this.#isLost = false;
      this.#logger?.info({ adapter: 'redis', which }, 'Redis is reachable again; cross-process delivery resumes');
    }
  }

  #onError(error: Error): void {
    if (this.#isClosed) return;
    if (!this.#isLost) {
      this.#isLost = true;
      this.#logger?.warn(
        { err: error, adapter: 'redis' },
        'Redis is unreachable; retrying with backoff. Local delivery goes on; packets for other processes are dropped',
      );
    } else {
      this.#logger?.debug({ err: error, adapter: 'redis' }, 'Redis is still unreachable');
    }
  }

  #subscribeAll(): void {
    for (const channel of this.#desired) this.#subscribeNow(channel);
  }

  #subscribeNow(channel: string): void {
    const subscriber = this.#subscriber;
    if (!subscriber?.isReady || this.#isSharded === undefined || this.#isClosed) return;
    const done = this.#isSharded
      ? subscriber.sSubscribe(channel, this.#onMessage)
      : subscriber.subscribe(channel, this.#onMessage);
    // Missed now, done again by the next 'ready'.
    done.catch((error: unknown) => this.#logger?.debug({ err: error, channel }, 'Redis subscribe failed'));
  }

  #receive(message: string, channel: string): void {
    const packet = decodePacket(message);
    // Its own packets were delivered locally before they were published.
    if (!packet || packet.origin === this.instanceId) return;
    this.#counters.received++;
    this.#host?.deliver(packet, channel.slice(this.#settings.keyPrefix.length + 1));
  }

  #channel(room: string): string {
    return `${this.#settings.keyPrefix}:${room}`;
  }

  async #release(client: RedisCommandClient): Promise<void> {
    try {
      if (client.isReady) await client.close();
      else client.destroy();
    } catch {
      client.destroy();
    }
  }
}

/**
 * A `WebSocketAdapter` over Redis: each room is one channel (sharded pub/sub on Redis 7+), each process ignores
 * its own packets, and `hub.size(room)` counts every process's sockets. Redis down at start or lost later: the app
 * keeps serving and delivering locally, retries with backoff, and resumes cross-process delivery once Redis is
 * back; packets published meanwhile are dropped and counted (`stats.dropped`): delivery is at-most-once.
 * @example
 * const adapter = redisAdapter({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
 * const app = createApp({ plugins: [webSockets({ gateways: [ChatGateway], adapter })] });
 */
export function redisAdapter(options: RedisAdapterOptions): RedisAdapter {
  return new RedisHubAdapter(readRedisAdapterOptions(options));
}
