// The adapter seam: how a WebSocketHub reaches the hubs of other processes (a broker, the cluster primary, nothing).
import type { Logger } from '@corbel/core';

/**
 * What a hub hands its adapter: text for the local members of `rooms`, already delivered here. A room is a key:
 * `'/chat#lobby'` (room `lobby` of the gateway at `/chat`), or a bare gateway path (`'/chat'`: all its sockets).
 */
export interface AdapterPacket {
  readonly rooms: readonly string[];
  readonly text: string;
}

/** What an adapter is given at start: where packets from other processes go, and what this process holds. */
export interface AdapterHost {
  /**
   * Delivers a packet another process published, to this process's members of `via` (one of `packet.rooms`, the
   * one it arrived through). An adapter that receives one copy per room passes each copy with its own `via`: a
   * socket in several of the rooms still gets the text once. Never throws.
   */
  deliver(packet: AdapterPacket, via: string): void;
  /** Every room this process has members in, with their counts (to subscribe and report again after a reconnect). */
  rooms(): Iterable<[room: string, localCount: number]>;
  readonly logger: Logger;
}

/**
 * Carries hub packets between processes. The hub delivers locally first, then calls `publish`; it calls
 * `subscribe` when this process gets its first member in a room and `unsubscribe` when the last one leaves (or
 * closes). Delivery is at-most-once: an adapter that cannot reach its broker drops the packet and counts it, and
 * never queues without bound. Nothing here may throw or reject: failures are logged and counted.
 * @example
 * const loopback: WebSocketAdapter = {
 *   name: 'loopback',
 *   start() {},
 *   subscribe() {},
 *   unsubscribe() {},
 *   publish: () => Promise.resolve(),
 *   close: () => Promise.resolve(),
 * };
 * webSockets({ gateways: [ChatGateway], adapter: loopback });
 */
export interface WebSocketAdapter {
  readonly name: string;
  /** Called once, when the app starts listening. */
  start(host: AdapterHost): void;
  subscribe(room: string): void;
  unsubscribe(room: string): void;
  /** Resolves once the packet is handed to the broker, or dropped; never rejects. */
  publish(packet: AdapterPacket): Promise<void>;
  /**
   * Cluster-wide presence, when the adapter keeps it: `countChanged` is called with this process's new count of
   * a room; `size` resolves the count across every process (rejects when it cannot be known right now).
   */
  readonly presence?: {
    countChanged(room: string, localCount: number): void;
    size(room: string, localCount: number): Promise<number>;
  };
  /** Called once by `app.close()`, after every connection closed: leave the broker and release what was opened. */
  close(): Promise<void>;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * The default adapter: one process, nothing to carry (the hub has already delivered locally).
 * @example webSockets({ gateways: [ChatGateway], adapter: inProcessAdapter() }); // the same as no adapter
 */
export function inProcessAdapter(): WebSocketAdapter {
  return {
    name: 'in-process',
    start() {},
    subscribe() {},
    unsubscribe() {},
    publish: () => RESOLVED,
    close: () => RESOLVED,
  };
}

/** True when `value` has every method a `WebSocketAdapter` needs (checked once, by `webSockets()`). */
export function isWebSocketAdapter(value: unknown): value is WebSocketAdapter {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['start', 'subscribe', 'unsubscribe', 'publish', 'close'].every(
    (name) => typeof candidate[name] === 'function',
  );
}
