// Serves the gateways of one app: upgrade routing, the handshake, heartbeat, and shutdown with 1001.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger, QueryRecord } from '@corbel/core';
import { WebSocketServer } from 'ws';
import { WebSocketConnection } from '../connection';
import type { QueueLimits } from '../transport/receive-queue';
import { SocketChannel } from '../transport/socket-channel';
import type { ErrorAnswerDependencies } from './error-answer';
import type { GatewayMatch, GatewayRouter } from './gateway-router';
import { rejectUpgrade } from './http-rejection';
import { runSession } from './session';

export interface GatewayServerSettings {
  readonly maxPayload: number;
  readonly heartbeatMs: number;
  readonly shutdownTimeoutMs: number;
  readonly queue: QueueLimits;
}

/** What the upgrade listener found, handed to ws's verifyClient for the same request. */
interface RoutedUpgrade {
  readonly match: GatewayMatch;
  readonly path: string;
  readonly query: QueryRecord;
  readonly socket: Duplex;
}

function parseQuery(queryString: string): QueryRecord {
  const query: QueryRecord = {};
  for (const [name, value] of new URLSearchParams(queryString)) {
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Owns ws's `WebSocketServer` (noServer) for one app. Every path a client can reach is guarded: nothing thrown
 * while serving an upgrade or a connection escapes to the process.
 */
export class GatewayServer {
  readonly #router: GatewayRouter;
  readonly #settings: GatewayServerSettings;
  readonly #dependencies: ErrorAnswerDependencies;
  readonly #logger: Logger;
  readonly #wss: WebSocketServer;
  readonly #routed = new WeakMap<IncomingMessage, RoutedUpgrade>();
  readonly #channels = new WeakMap<IncomingMessage, SocketChannel>();
  readonly #sessions = new Map<SocketChannel, Promise<void>>();
  #heartbeat: NodeJS.Timeout | undefined;
  #closing = false;

  constructor(router: GatewayRouter, settings: GatewayServerSettings, dependencies: ErrorAnswerDependencies) {
    this.#router = router;
    this.#settings = settings;
    this.#dependencies = dependencies;
    this.#logger = dependencies.logger;
    this.#wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: settings.maxPayload,
      // ws calls this after it has checked the handshake headers, and completes the handshake on done(true).
      verifyClient: (info, done) => this.#verify(info.req, (accepted) => done(accepted)),
    });
  }

  /** Serves upgrades on `server` (called when the app starts listening). */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#onUpgrade(request, socket, head);
    });
    if (this.#settings.heartbeatMs > 0) {
      this.#heartbeat = setInterval(() => {
        for (const channel of this.#sessions.keys()) channel.heartbeat();
      }, this.#settings.heartbeatMs);
      this.#heartbeat.unref();
    }
  }

  /** Closes every connection with 1001, waits (bounded) for gateway methods, then cuts what is left. */
  async shutdown(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#heartbeat);
    this.#wss.close();
    for (const channel of this.#sessions.keys()) void channel.close(1001, 'Server shutting down');
    const sessions = Promise.allSettled(this.#sessions.values());
    await Promise.race([sessions, delay(this.#settings.shutdownTimeoutMs)]);
    for (const channel of this.#sessions.keys()) {
      if (channel.state !== 'closed') channel.terminate();
    }
  }

  #onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      if (this.#closing) {
        rejectUpgrade(socket, 503, [], 'Server shutting down');
        return;
      }
      const url = request.url ?? '/';
      const queryStart = url.indexOf('?');
      const path = queryStart === -1 ? url : url.slice(0, queryStart);
      const match = this.#match(path);
      if (!match) {
        rejectUpgrade(socket, 404, [], 'Not found');
        return;
      }
      const query = parseQuery(queryStart === -1 ? '' : url.slice(queryStart + 1));
      this.#routed.set(request, { match, path, query, socket });
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        this.#channels.get(request)?.attach(ws);
      });
    } catch (error) {
      this.#logger.error({ err: error, url: request.url }, 'Serving a WebSocket upgrade failed');
      socket.destroy();
    }
  }

  #match(path: string): GatewayMatch | null {
    try {
      return this.#router.match(path);
    } catch {
      return null;
    }
  }

  #verify(request: IncomingMessage, done: (accepted: boolean) => void): void {
    const routed = this.#routed.get(request);
    this.#routed.delete(request);
    if (!routed) {
      // Only requests routed by #onUpgrade reach ws; anything else is refused rather than trusted.
      done(false);
      return;
    }
    const { socket } = routed;
    if (this.#closing) {
      rejectUpgrade(socket, 503, [], 'Server shutting down');
      return;
    }
    const channel = new SocketChannel(socket, this.#settings.queue, this.#logger);
    const connection = new WebSocketConnection(
      channel,
      { path: routed.path, params: routed.match.params, query: routed.query, headers: request.headers },
      routed.match.gateway.serialize,
    );
    this.#channels.set(request, channel);
    const parts = { gateway: routed.match.gateway, connection, channel, request, socket };
    const session = runSession(parts, () => done(true), this.#dependencies)
      .catch((error: unknown) => {
        this.#logger.error({ err: error, path: routed.path }, 'A WebSocket session failed');
        channel.terminate();
      })
      .finally(() => this.#sessions.delete(channel));
    this.#sessions.set(channel, session);
  }
}
