// The handshake request as a CorbelRequest, the `request` a gateway's guards and interceptors see.
import type { IncomingMessage } from 'node:http';
import { CorbelRequest } from '@corbel/core';
import type { WebSocketConnection } from '../connection';

/**
 * Wraps the upgrade request once per connection (only for gateways with guards or interceptors): the query is
 * parsed on first use, as for HTTP.
 * @example const request = handshakeRequest(upgrade, connection); request.headers.authorization;
 */
export function handshakeRequest(raw: IncomingMessage, connection: WebSocketConnection): CorbelRequest {
  const url = raw.url ?? '/';
  const queryStart = url.indexOf('?');
  return new CorbelRequest(raw, connection.path, queryStart === -1 ? '' : url.slice(queryStart + 1), connection.params);
}
