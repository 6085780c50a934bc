// Cluster-wide room sizes in Redis: one hash per room (a field per process), and a heartbeat key per process.
import type { Logger } from '@corbel/core';
import type { RedisCommandClient } from './redis-client';

/** Where presence lives: `<prefix>:presence:<room>` hashes and `<prefix>:instance:<id>` heartbeat keys. */
export interface PresenceKeys {
  room(room: string): string;
  instance(id: string): string;
}

/** A hash reply as node-redis gives it (RESP 2 and 3 alike): field → value. */
function fieldsOf(reply: unknown): [string, number][] {
  if (typeof reply !== 'object' || reply === null) return [];
  const entries = reply instanceof Map ? [...reply.entries()] : Object.entries(reply);
  return entries.map(([field, value]) => [String(field), Number(value)]);
}

/**
 * Keeps this process's room counts in Redis. Writes are coalesced per tick (a thousand joins write a room once),
 * written again whenever the connection comes back, and refreshed by the heartbeat, so presence heals itself after
 * a Redis restart. Counts of a process that died without closing are ignored once its heartbeat key expires.
 */
export class PresenceStore {
  readonly #counts = new Map<string, number>();
  readonly #dirty = new Set<string>();
  readonly #client: RedisCommandClient;
  readonly #keys: PresenceKeys;
  readonly #instanceId: string;
  readonly #ttlMs: number;
  readonly #logger: Logger;
  #flushScheduled = false;

  constructor(client: RedisCommandClient, keys: PresenceKeys, instanceId: string, ttlMs: number, logger: Logger) {
    this.#client = client;
    this.#keys = keys;
    this.#instanceId = instanceId;
    this.#ttlMs = ttlMs;
    this.#logger = logger;
  }

  countChanged(room: string, count: number): void {
    if (count === 0) this.#counts.delete(room);
    else this.#counts.set(room, count);
    this.#dirty.add(room);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  /** The heartbeat (and the first write after every reconnect): this process is alive, with these counts. */
  async refresh(): Promise<void> {
    if (!this.#client.isReady) return;
    try {
      await this.#client.set(this.#keys.instance(this.#instanceId), '1', { PX: this.#ttlMs });
      await Promise.all([...this.#counts].map(([room, count]) => this.#write(room, count)));
      // Rooms that emptied while Redis was away still hold this process's old count there.
      await this.#flush();
    } catch (error) {
      this.#logger.debug({ err: error }, 'Refreshing WebSocket presence in Redis failed; the next heartbeat retries');
    }
  }

  /** The room's size across live processes; rejects when Redis cannot be asked right now. */
  async size(room: string, localCount: number): Promise<number> {
    if (!this.#client.isReady) {
      throw new Error(`redisAdapter: Redis is unreachable, so the cluster-wide size of ${room} cannot be known now`);
    }
    const others = fieldsOf(await this.#client.hGetAll(this.#keys.room(room))).filter(
      ([instance]) => instance !== this.#instanceId,
    );
    if (others.length === 0) return localCount;
    const alive = (await this.#client.mGet(others.map(([instance]) => this.#keys.instance(instance)))) as unknown[];
    let total = localCount;
    others.forEach(([instance, count], index) => {
      if (alive[index] !== null && alive[index] !== undefined) total += Number.isFinite(count) ? count : 0;
      // A dead process's count goes: the next reader need not look it up again.
      else void this.#client.hDel(this.#keys.room(room), instance).catch(() => {});
    });
    return total;
  }

  /** On close: this process's counts and heartbeat go at once, rather than when the TTL runs out. */
  async clear(): Promise<void> {
    if (!this.#client.isReady) return;
    const rooms = [...this.#counts.keys()];
    this.#counts.clear();
    await Promise.all([
      this.#client.del(this.#keys.instance(this.#instanceId)),
      ...rooms.map((room) => this.#client.hDel(this.#keys.room(room), this.#instanceId)),
    ]);
  }

  async #flush(): Promise<void> {
    if (!this.#client.isReady) return;
    const rooms = [...this.#dirty];
    this.#dirty.clear();
    try {
      await Promise.all(rooms.map((room) => this.#write(room, this.#counts.get(room) ?? 0)));
    } catch (error) {
      // Written again by the refresh after the reconnect.
      for (const room of rooms) this.#dirty.add(room);
      this.#logger.debug({ err: error }, 'Writing WebSocket presence to Redis failed');
    }
  }

  async #write(room: string, count: number): Promise<void> {
    const key = this.#keys.room(room);
    if (count === 0) {
      await this.#client.hDel(key, this.#instanceId);
      return;
    }
    await this.#client.hSet(key, this.#instanceId, String(count));
    // A room whose processes all died without closing disappears with its last heartbeat.
    await this.#client.pExpire(key, this.#ttlMs);
  }
}
