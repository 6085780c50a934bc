// What guards and interceptors of a gateway are told: the core context plus the connection and the message.
import type { ExecutionContext } from '@corbel/core';
import type { WebSocketConnection } from '../connection';

/**
 * The `context` a gateway's guards and interceptors get: `request` is the handshake request, `connection` the
 * client's (still `'connecting'` during the handshake), and for a @SubscribeMessage handler the `event` and the
 * message's raw `data` (before @MessageBody validation).
 * @example
 * class RoomGuard implements CanActivate {
 *   canActivate(context: WsExecutionContext) { return context.connection.params.room !== 'staff' || isStaff(context.request); }
 * }
 */
export interface WsExecutionContext extends ExecutionContext {
  readonly type: 'ws';
  readonly connection: WebSocketConnection;
  /** The subscribed event; undefined at the handshake and around a receive loop. */
  readonly event?: string;
  /** The message's `data` as received; undefined at the handshake and around a receive loop. */
  readonly data?: unknown;
}
