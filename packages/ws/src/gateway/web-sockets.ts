// webSockets(): the plugin that adds gateways to an app through core's plugin seam.
import { type Constructor, CorbelError, type CorbelPlugin } from '@corbel/core';
import { compileGateway } from './compile-gateway';
import { GatewayRouter } from './gateway-router';
import { GatewayServer } from './gateway-server';
import { guardLogger } from './guarded-logger';

/** Options of `webSockets()`. */
export interface WebSocketsOptions {
  /** Classes decorated with @WebSocketGateway. */
  readonly gateways: readonly Constructor[];
  /** The largest message accepted, in bytes (default 1 MiB); a larger one closes the connection with 1009. */
  readonly maxPayload?: number;
  /** How often to ping each client, in ms (default 30 s); a client that misses a ping is cut (1006). 0 disables it. */
  readonly heartbeatMs?: number;
  /** How long `app.close()` waits for gateway methods after closing connections with 1001 (default 5 s). */
  readonly shutdownTimeoutMs?: number;
  /**
   * Refuse (HTTP 403, no socket) an upgrade whose `Origin` the app's CORS `origin` does not allow, against
   * cross-site WebSocket hijacking. Needs `createApp({ cors })`. A request without `Origin` (not a browser) passes.
   */
  readonly checkOrigin?: boolean;
}

const ONE_MEBIBYTE = 1024 * 1024;
// A slow reader holds at most this much per connection before the socket is paused.
const QUEUE_MESSAGES = 64;
const QUEUE_BYTES = ONE_MEBIBYTE;

function checkedNumber(name: string, value: number | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_GATEWAY',
      `webSockets({ ${name} }): expected a finite number ≥ ${minimum}, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Serves WebSocket gateways on the app's HTTP port. Errors go through the same filters as HTTP.
 * @example
 * const app = createApp({ controllers: [ChatPage], plugins: [webSockets({ gateways: [ChatGateway] })] });
 * await app.listen(3000); // ws://127.0.0.1:3000/chat
 */
export function webSockets(options: WebSocketsOptions): CorbelPlugin {
  return {
    name: 'websockets',
    setup(context) {
      if (!Array.isArray(options?.gateways)) {
        throw new CorbelError('CORBEL_ERR_INVALID_GATEWAY', 'webSockets(): expected { gateways: [GatewayClass, …] }');
      }
      if (options.checkOrigin !== undefined && typeof options.checkOrigin !== 'boolean') {
        throw new CorbelError('CORBEL_ERR_INVALID_GATEWAY', 'webSockets({ checkOrigin }): expected true or false');
      }
      const corsOrigin = context.corsOrigin;
      if (options.checkOrigin === true && corsOrigin === null) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_GATEWAY',
          'webSockets({ checkOrigin: true }): the app has no CORS origin to check against; pass createApp({ cors: { origin: … } })',
        );
      }
      const maxPayload = checkedNumber('maxPayload', options.maxPayload, ONE_MEBIBYTE, 1);
      const settings = {
        maxPayload,
        heartbeatMs: checkedNumber('heartbeatMs', options.heartbeatMs, 30_000, 0),
        shutdownTimeoutMs: checkedNumber('shutdownTimeoutMs', options.shutdownTimeoutMs, 5_000, 0),
        queue: { maxMessages: QUEUE_MESSAGES, maxBytes: QUEUE_BYTES },
        checkOrigin: options.checkOrigin === true ? corsOrigin : null,
      };
      const router = new GatewayRouter();
      for (const gateway of options.gateways) router.add(compileGateway(gateway, context));
      const logger = guardLogger(context.logger);
      const server = new GatewayServer(router, settings, { dispatcher: context.dispatcher, logger });
      context.onListen((httpServer) => server.attach(httpServer));
      context.onClose(() => server.shutdown());
    },
  };
}
