// @WebSocketGateway: marks a class as a gateway served at a path (which may take params: '/rooms/:room').
import type { Constructor } from '@corbel/core';
import { defineGateway } from '../metadata/gateway-metadata';

/**
 * Serves the class as a WebSocket gateway at `path`, on the app's HTTP port. Path params are read from
 * `socket.params`.
 * @example
 * @WebSocketGateway('/rooms/:room')
 * class RoomsGateway { @SubscribeMessage('say') say(@MessageBody() text: string) { return text; } }
 */
export function WebSocketGateway(path = '/'): ClassDecorator {
  return (target) => {
    defineGateway(target as unknown as Constructor, { path });
  };
}
