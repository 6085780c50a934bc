// checkOrigin: an upgrade from a page of another origin is refused with 403 unless the app's CORS origin allows it.
import type { IncomingMessage } from 'node:http';
import { CorbelRequest, type CorsOriginFunction } from '@corbel/core';

/**
 * Whether an upgrade may go on: browsers always send `Origin`, so a request without one (a server-side client)
 * is not cross-site WebSocket hijacking and is let through; anything else asks the app's CORS `origin`.
 * @example const allowed = await isUpgradeOriginAllowed(context.corsOrigin, request);
 */
export function isUpgradeOriginAllowed(
  corsOrigin: CorsOriginFunction,
  request: IncomingMessage,
): boolean | Promise<boolean> {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const queryString = queryStart === -1 ? '' : url.slice(queryStart + 1);
  return corsOrigin(origin, new CorbelRequest(request, path, queryString, {}));
}
