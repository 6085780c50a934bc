// The optional lifecycle hooks a gateway class may implement.
import type { IncomingMessage } from 'node:http';
import type { WebSocketConnection } from '../connection';

/**
 * Runs for each upgrade before the handshake completes, after the handshake's guards allowed it (a refusing guard
 * answers as this hook would, and it does not run): throw an `HTTPException` to refuse it with that status
 * (an auth guard), or a `WebSocketException` to accept it and close at once with that code. Messages it sends are
 * queued (their promises resolve at once) and go out first, right after the handshake; it cannot receive.
 * @example
 * class ChatGateway implements OnGatewayConnection {
 *   handleConnection(socket: WebSocketConnection, request: IncomingMessage) {
 *     if (!request.headers.authorization) throw new HTTPUnauthorized();
 *   }
 * }
 */
export interface OnGatewayConnection {
  handleConnection(socket: WebSocketConnection, request: IncomingMessage): unknown;
}

/**
 * Runs once a connection that opened has closed, whoever closed it, after the gateway's methods have finished.
 * @example
 * class ChatGateway implements OnGatewayDisconnect {
 *   handleDisconnect(socket: WebSocketConnection, code: number, reason: string) { rooms.leave(socket); }
 * }
 */
export interface OnGatewayDisconnect {
  handleDisconnect(socket: WebSocketConnection, code: number, reason: string): unknown;
}
