// WebSocketHub: rooms and broadcast for an app's gateways, injectable anywhere, across processes with an adapter.
import type { WebSocketConnection } from '../connection';
import type { BroadcastTarget } from './broadcast-target';
import { checkedRoom, GatewayRooms } from './gateway-rooms';
import { type HubCore, invalidRoom } from './hub-core';

/**
 * Rooms and broadcast, provided by `webSockets()`: inject it into gateways, controllers or services. A room
 * belongs to a gateway path: `join(socket, room)` uses the socket's, and `to(room)` the app's only gateway (with
 * several, say which with `of(path)` or `of(socket)`). Sockets leave every room when they close. With an adapter
 * (`webSockets({ adapter })`), sends reach the rooms' sockets in every process, at most once.
 * An app without `webSockets()` that injects it fails at `createApp` with `CORBEL_ERR_UNKNOWN_PROVIDER`.
 * @example
 * @WebSocketGateway('/chat')
 * class ChatGateway {
 *   constructor(private readonly hub: WebSocketHub) {}
 *   @SubscribeMessage('join') join(@MessageBody() room: string, @ConnectedSocket() socket: WebSocketConnection) {
 *     this.hub.join(socket, room);
 *     return this.hub.to(room).except(socket).emit('joined', { room });
 *   }
 * }
 */
export class WebSocketHub {
  readonly #core: HubCore;

  /** Made by `webSockets()`; applications inject it. */
  constructor(core: HubCore) {
    this.#core = core;
  }

  /**
   * Puts `socket` in `room` of its gateway (idempotent). A socket that has closed is in no room and stays so.
   * @example hub.join(socket, socket.params.room);
   */
  join(socket: WebSocketConnection, room: string): void {
    const name = checkedRoom(room, 'hub.join()');
    const member = this.#core.member(socket, 'hub.join()');
    if (member) this.#core.registry.join(member, name);
  }

  /**
   * Takes `socket` out of `room` (nothing happens when it is not in it).
   * @example hub.leave(socket, 'lobby');
   */
  leave(socket: WebSocketConnection, room: string): void {
    const name = checkedRoom(room, 'hub.leave()');
    const member = this.#core.member(socket, 'hub.leave()');
    if (member) this.#core.registry.leave(member, name);
  }

  /**
   * The rooms `socket` is in, in the order it joined them.
   * @example hub.rooms(socket) // ['lobby', 'kitchen']
   */
  rooms(socket: WebSocketConnection): string[] {
    return [...(this.#core.member(socket, 'hub.rooms()')?.rooms ?? [])];
  }

  /**
   * The rooms of one gateway: by its path as declared (`'/rooms/:room'`), or the gateway `socket` connected to.
   * @example await hub.of('/rooms/:room').to('lobby').emit('notice', 'closing soon');
   */
  of(gateway: string | WebSocketConnection): GatewayRooms {
    if (typeof gateway === 'string') return new GatewayRooms(this.#core, this.#core.gatewayPath(gateway, 'hub.of()'));
    const member = this.#core.member(gateway, 'hub.of()');
    if (!member) {
      // A closed socket has left the hub, and with it the record of which gateway it used.
      throw invalidRoom('hub.of(socket): the socket has closed; name its gateway with hub.of(path)');
    }
    return new GatewayRooms(this.#core, member.path);
  }

  /**
   * Every socket in `room` (or in any of `rooms`, each once) of the app's gateway, in every process.
   * @example await hub.to('lobby').except(socket).emit('message', { text });
   */
  to(room: string | readonly string[]): BroadcastTarget {
    return this.#defaultRooms('hub.to()').to(room);
  }

  /**
   * Every connection of the gateway served at `path`, in every process.
   * @example await hub.broadcast('/chat').emit('shutdown', { inSeconds: 30 });
   */
  broadcast(path: string): BroadcastTarget {
    return this.of(path).broadcast();
  }

  /**
   * How many sockets are in `room`: those of this process, or of every process with an adapter that keeps
   * presence (the Redis adapter does).
   * @example const count = await hub.size('lobby');
   */
  size(room: string): Promise<number> {
    try {
      return this.#defaultRooms('hub.size()').size(room);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The sockets of `room` connected to this process.
   * @example hub.localSockets('lobby').length
   */
  localSockets(room: string): WebSocketConnection[] {
    return this.#defaultRooms('hub.localSockets()').localSockets(room);
  }

  #defaultRooms(where: string): GatewayRooms {
    return new GatewayRooms(this.#core, this.#core.defaultPath(where));
  }
}
