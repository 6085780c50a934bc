// The rooms of one gateway path: what hub.of(path) returns, and what the hub's own to() and size() use.
import type { WebSocketConnection } from '../connection';
import { BroadcastTarget } from './broadcast-target';
import { type HubCore, invalidRoom } from './hub-core';
import { roomKey } from './room-registry';

/** A room name as callers give it: any non-empty string. */
export function checkedRoom(room: unknown, where: string): string {
  if (typeof room !== 'string' || room.length === 0) {
    throw invalidRoom(
      `${where}: expected a room name (a non-empty string), got ${JSON.stringify(room) ?? typeof room}`,
    );
  }
  return room;
}

/**
 * The rooms of the gateway served at one path. Room names are scoped to it: `lobby` of `/chat` and `lobby` of
 * `/support` are two rooms.
 * @example await hub.of('/rooms/:room').to('lobby').emit('notice', { text: 'maintenance at noon' });
 */
export class GatewayRooms {
  readonly #core: HubCore;
  /** The gateway path, as @WebSocketGateway declared it (normalised). */
  readonly path: string;

  /** Made by `WebSocketHub.of`. */
  constructor(core: HubCore, path: string) {
    this.#core = core;
    this.path = path;
  }

  /**
   * Every socket in `room` (or in any of `rooms`, each socket once), in every process.
   * @example await hub.of(socket).to(['lobby', 'kitchen']).emit('notice', 'closing soon');
   */
  to(room: string | readonly string[]): BroadcastTarget {
    const rooms = Array.isArray(room) ? room : [room];
    if (rooms.length === 0) throw invalidRoom('to([]): expected at least one room');
    const keys = [...new Set(rooms.map((one) => roomKey(this.path, checkedRoom(one, 'to()'))))];
    return new BroadcastTarget(this.#core, keys);
  }

  /**
   * Every connection of this gateway, in every process.
   * @example await hub.of('/chat').broadcast().sendText('bye');
   */
  broadcast(): BroadcastTarget {
    return new BroadcastTarget(this.#core, [this.path]);
  }

  /**
   * How many sockets are in `room`: in this process, or in all of them with an adapter that keeps presence.
   * @example const count = await hub.of('/chat').size('lobby');
   */
  size(room: string): Promise<number> {
    try {
      return this.#core.size(roomKey(this.path, checkedRoom(room, 'size()')));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The sockets of `room` connected to this process (not those of other processes).
   * @example const names = hub.of(socket).localSockets('lobby').map((member) => member.query.name);
   */
  localSockets(room: string): WebSocketConnection[] {
    const members = this.#core.registry.membersOf(roomKey(this.path, checkedRoom(room, 'localSockets()')));
    return [...(members ?? [])].map((member) => member.connection);
  }
}
