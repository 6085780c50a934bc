// Serves the gateways of one app: upgrade routing, the handshake, heartbeat, and shutdown with 1001.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CorsOriginFunction, Logger, QueryRecord } from '@corbel/core';
import { WebSocketServer } from 'ws';
import { type PostingChannel, WebSocketConnection } from '../connection';
import type { QueueLimits } from '../transport/receive-queue';
import { SocketChannel } from '../transport/socket-channel';
import type { ErrorAnswerDependencies } from './error-answer';
import type { GatewayMatch, GatewayRouter } from './gateway-router';
import { HeaderValues } from './handshake-headers';
import { rejectUpgrade } from './http-rejection';
import { isUpgradeOriginAllowed } from './origin-check';
import { Session, type SessionEnd } from './session';

export interface GatewayServerSettings {
  readonly maxPayload: number;
  readonly heartbeatMs: number;
  readonly shutdownTimeoutMs: number;
  readonly queue: QueueLimits;
  /** The app's CORS origin check when `checkOrigin` is on; null otherwise. */
  readonly checkOrigin: CorsOriginFunction | null;
}

/** Where connections are announced to the hub, so rooms and broadcasts know them until they end. */
export interface ConnectionDirectory {
  add(connection: WebSocketConnection, channel: PostingChannel, gatewayPath: string): void;
  remove(connection: WebSocketConnection): void;
}

/** What the upgrade listener found, handed to ws's verifyClient for the same request. */
interface RoutedUpgrade {
  readonly match: GatewayMatch;
  readonly path: string;
  readonly query: Readonly<QueryRecord>;
  readonly socket: Duplex;
}

// Most handshakes carry no query: they share one frozen empty record instead of holding one each.
const NO_QUERY: Readonly<QueryRecord> = Object.freeze({});

function parseQuery(queryString: string): Readonly<QueryRecord> {
  if (queryString === '') return NO_QUERY;
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
  readonly #directory: ConnectionDirectory;
  readonly #wss: WebSocketServer;
  readonly #routed = new WeakMap<IncomingMessage, RoutedUpgrade>();
  readonly #channels = new WeakMap<IncomingMessage, SocketChannel>();
  readonly #headerValues = new HeaderValues();
  readonly #sessions = new Set<Session>();
  #heartbeat: NodeJS.Timeout | undefined;
  #closing = false;

  constructor(
    router: GatewayRouter,
    settings: GatewayServerSettings,
    dependencies: ErrorAnswerDependencies,
    directory: ConnectionDirectory,
  ) {
    this.#router = router;
    this.#directory = directory;
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
        for (const session of this.#sessions) session.channel.heartbeat();
      }, this.#settings.heartbeatMs);
      this.#heartbeat.unref();
    }
  }

  /** Closes every connection with 1001, waits (bounded) for gateway methods, then cuts what is left. */
  async shutdown(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#heartbeat);
    this.#wss.close();
    for (const session of this.#sessions) void session.channel.close(1001, 'Server shutting down');
    const sessions = Promise.allSettled([...this.#sessions].map((session) => session.finished));
    await Promise.race([sessions, delay(this.#settings.shutdownTimeoutMs)]);
    for (const { channel } of this.#sessions) {
      if (channel.state !== 'closed') channel.terminate();
    }
  }

  #onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const checkOrigin = this.#settings.checkOrigin;
    if (checkOrigin === null) {
      this.#route(request, socket, head);
      return;
    }
    const refuse = () => rejectUpgrade(socket, 403, [], 'Origin not allowed');
    const fail = (error: unknown) => {
      this.#logger.error({ err: error, url: request.url }, 'The WebSocket origin check failed; refusing the upgrade');
      refuse();
    };
    try {
      const allowed = isUpgradeOriginAllowed(checkOrigin, request);
      if (allowed === true) this.#route(request, socket, head);
      else if (allowed === false) refuse();
      else allowed.then((isAllowed) => (isAllowed ? this.#route(request, socket, head) : refuse()), fail);
    } catch (error) {
      fail(error);
    }
  }

  #route(request: IncomingMessage, socket: Duplex, head: Buffer): void {
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
    this.#headerValues.intern(request.headers);
    const connection = new WebSocketConnection(
      channel,
      { path: routed.path, params: routed.match.params, query: routed.query, headers: request.headers },
      routed.match.gateway.serialize,
    );
    this.#channels.set(request, channel);
    this.#directory.add(connection, channel, routed.match.gateway.path);
    const parts = { gateway: routed.match.gateway, connection, channel, request, socket };
    const session = new Session(routed.match.gateway, connection, channel, this.#dependencies, this.#sessionEnd);
    this.#sessions.add(session);
    session.start(parts, () => done(true));
  }

  // One object for every session, rather than closures per connection that would share #verify's scope (and with
  // it the upgrade request, through ws's `done`) for the connection's whole life.
  readonly #sessionEnd: SessionEnd = {
    ended: (session) => {
      this.#sessions.delete(session);
      // After handleDisconnect, which may still read the rooms it was in: every room forgets it now.
      this.#directory.remove(session.connection);
    },
    failed: (error, session) => {
      this.#logger.error({ err: error, path: session.connection.path }, 'A WebSocket session failed');
      session.channel.terminate();
    },
  };
}
