// webSockets(): the plugin that adds gateways to an app through core's plugin seam.
import { type Constructor, CorbelError, type CorbelPlugin } from '@corbel/core';
import { inProcessAdapter, isWebSocketAdapter, type WebSocketAdapter } from '../adapter/web-socket-adapter';
import { HubCore } from '../hub/hub-core';
import { WebSocketHub } from '../hub/web-socket-hub';
import { compileGateway } from './compile-gateway';
import { publishGateways } from './gateway-description';
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
   * How the `WebSocketHub` reaches other processes (default: `inProcessAdapter()`, none); e.g. `redisAdapter()`
   * from `@corbel/ws-redis`. It starts when the app listens and closes with `app.close()`.
   */
  readonly adapter?: WebSocketAdapter;
  /**
   * A socket whose unsent hub messages pass this many bytes (default 1 MiB) is a slow consumer: it is closed with
   * 1013 rather than buffered without bound.
   */
  readonly maxQueuedBytes?: number;
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
  const core = new HubCore();
  const plugin: CorbelPlugin = {
    name: 'websockets',
    providers: [{ provide: WebSocketHub, useValue: new WebSocketHub(core) }],
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
      const adapter = options.adapter ?? inProcessAdapter();
      if (!isWebSocketAdapter(adapter)) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_ADAPTER',
          'webSockets({ adapter }): expected a WebSocketAdapter (start, subscribe, unsubscribe, publish, close), ' +
            `got ${typeof adapter}`,
        );
      }
      const maxQueuedBytes = checkedNumber('maxQueuedBytes', options.maxQueuedBytes, ONE_MEBIBYTE, 1);
      const router = new GatewayRouter();
      const gateways = options.gateways.map((gateway) => compileGateway(gateway, context));
      for (const gateway of gateways) router.add(gateway);
      publishGateways(plugin, gateways);
      const paths = gateways.map((gateway) => gateway.path);
      const logger = guardLogger(context.logger);
      core.configure({ paths, adapter, maxQueuedBytes, logger });
      const server = new GatewayServer(router, settings, { dispatcher: context.dispatcher, logger }, core.registry);
      context.onListen((httpServer) => {
        server.attach(httpServer);
        core.start();
      });
      context.onClose(async () => {
        await server.shutdown();
        await core.close();
      });
    },
  };
  return plugin;
}
