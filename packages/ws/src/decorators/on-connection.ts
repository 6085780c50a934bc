// @OnConnection: marks the method that owns a connection for its whole lifetime (the receive-loop style).
import type { Constructor } from '@corbel/core';
import { defineOnConnection } from '../metadata/gateway-metadata';

/**
 * The method is called with the `WebSocketConnection` once the handshake completes and runs for the
 * connection's lifetime; when it returns, the connection closes with 1000. A `WebSocketDisconnect` escaping it
 * is a normal end.
 * @example
 * @WebSocketGateway('/echo')
 * class EchoGateway {
 *   @OnConnection() async run(socket: WebSocketConnection) { for await (const m of socket) await socket.sendText(String(m)); }
 * }
 */
export function OnConnection(): MethodDecorator {
  return (target, propertyKey) => {
    defineOnConnection(target.constructor as Constructor, String(propertyKey));
  };
}
