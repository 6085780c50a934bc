// One connection's life: handleConnection before the handshake, then the gateway, then handleDisconnect.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type CorbelRequest, HTTPException } from '@corbel/core';
import type { WebSocketConnection } from '../connection';
import type { SocketChannel } from '../transport/socket-channel';
import type { CompiledGateway, CompiledMethod, CompiledScope, StagedMethod } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';
import { handshakeRequest } from './handshake-request';
import { rejectWithException } from './http-rejection';
import { runMessageLoop } from './message-loop';

export interface SessionParts {
  readonly gateway: CompiledGateway;
  readonly connection: WebSocketConnection;
  readonly channel: SocketChannel;
  readonly request: IncomingMessage;
  readonly socket: Duplex;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };
type ScopedOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: unknown; readonly scope: CompiledScope };

const OK = { ok: true } as const;

function succeeded(): Outcome {
  return OK;
}

function failed(error: unknown): Outcome {
  return { ok: false, error };
}

/**
 * Calls a gateway method and settles with how it went. Not an async function: this promise may be pending for the
 * connection's whole life (a receive loop), where a suspended async function would cost a generator and its
 * registers; the shared `succeeded`/`failed` handlers cost nothing per call.
 */
function attempt(method: CompiledMethod | undefined, args: unknown[]): Promise<Outcome> {
  if (!method) return Promise.resolve(OK);
  try {
    return Promise.resolve(method.invoke(...args)).then(succeeded, failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
}

function nothing(): undefined {
  return undefined;
}

/** The handshake's guards, then handleConnection; a failure carries the scope whose filters answer it. */
async function connect(
  gateway: CompiledGateway,
  connection: WebSocketConnection,
  request: IncomingMessage,
  handshake: CorbelRequest | undefined,
): Promise<ScopedOutcome> {
  const { guards } = gateway.handshake;
  if (guards) {
    try {
      // usesStages is true whenever a gateway has guards, so the handshake request exists here.
      await guards.run(handshake as CorbelRequest, nothing, { connection });
    } catch (error) {
      return { ok: false, error, scope: gateway.handshake };
    }
  }
  const { handleConnection } = gateway;
  const connected = await attempt(handleConnection, [connection, request]);
  if (connected.ok || !handleConnection) return OK;
  return { ok: false, error: connected.error, scope: handleConnection };
}

/** The receive loop, inside its interceptors when it has any; rejects with what it threw. */
function runLoop(method: StagedMethod, connection: WebSocketConnection, handshake: CorbelRequest | undefined): unknown {
  const { stages } = method;
  if (!stages) return method.invoke(connection);
  return stages.run(handshake as CorbelRequest, () => method.invoke(connection), { connection });
}

const NO_FAILURE = Symbol('no failure');

/**
 * Steps 1–3: guards and handleConnection, the handshake, their errors. Resolves null when no connection opened,
 * else the handshake request guards and interceptors see (undefined when the gateway has none).
 */
async function open(
  parts: SessionParts,
  accept: () => void,
  dependencies: ErrorAnswerDependencies,
): Promise<CorbelRequest | undefined | null> {
  const { gateway, connection, channel, request, socket } = parts;
  const handshake = gateway.usesStages ? handshakeRequest(request, connection) : undefined;
  // 1. The guards, then handleConnection, before the handshake completes: an HTTPException (a refusing guard's
  //    HTTPForbidden among them) refuses the upgrade.
  const connected = await connect(gateway, connection, request, handshake);
  if (!connected.ok && connected.error instanceof HTTPException) {
    rejectWithException(socket, connected.error, dependencies.logger);
    channel.abandon();
    return null;
  }
  // 2. The handshake.
  try {
    accept();
  } catch (error) {
    dependencies.logger.error({ err: error, path: connection.path }, 'Completing the WebSocket handshake failed');
    socket.destroy();
  }
  if (!channel.isAttached) {
    channel.abandon();
    return null;
  }
  // 3. Any other guard or handleConnection error goes through the filters (a WebSocketException closes at once).
  if (!connected.ok) {
    const { filters, reference } = connected.scope;
    await answerError(dependencies, filters, connected.error, connection, reference);
  }
  return handshake;
}

/** Told once when a session ends: normally, or (a bug) by throwing past every guard. */
export interface SessionEnd {
  ended(channel: SocketChannel, connection: WebSocketConnection): void;
  failed(error: unknown, channel: SocketChannel, connection: WebSocketConnection): void;
}

/**
 * Runs a connection from the upgrade to its end, then tells `end`. `accept` completes the handshake (ws attaches
 * the socket synchronously, or not at all when the client has already gone). Never rejects.
 * @example void runSession(parts, () => done(true), dependencies, end);
 */
export async function runSession(
  handshakeParts: SessionParts | undefined,
  accept: (() => void) | undefined,
  dependencies: ErrorAnswerDependencies,
  end: SessionEnd,
): Promise<void> {
  const { gateway, connection, channel } = handshakeParts as SessionParts;
  try {
    const opened = await open(handshakeParts as SessionParts, accept as () => void, dependencies);
    // This frame lives as long as the connection: let the upgrade request (and ws's handshake callback, which
    // holds it) be collected now.
    handshakeParts = undefined;
    accept = undefined;
    if (opened !== null) {
      const handshake = opened;
      // 4. The gateway's own part, while the connection is open. Inline rather than a second async function: each
      //    suspended one costs a generator and its registers for the connection's whole life.
      if (connection.state === 'open') {
        if (gateway.onConnection) {
          const { filters, reference } = gateway.onConnection;
          // Awaited here, not through attempt(): the receive loop is pending for the connection's whole life, and
          // every promise layer around it would be held that long.
          let failure: unknown = NO_FAILURE;
          try {
            await runLoop(gateway.onConnection, connection, handshake);
          } catch (error) {
            failure = error;
          }
          if (failure !== NO_FAILURE) await answerError(dependencies, filters, failure, connection, reference);
          // The receive loop is the connection's lifetime: when it ends, so does the connection.
          void connection.close(1000, '');
        } else {
          await runMessageLoop(gateway, connection, channel, dependencies, handshake);
        }
      }
      // 5. handleDisconnect, once the connection is closed.
      await channel.closed;
      if (gateway.handleDisconnect) {
        const { closeCode = 1006, closeReason = '' } = connection;
        const ended = await attempt(gateway.handleDisconnect, [connection, closeCode, closeReason]);
        if (!ended.ok) {
          const { filters, reference } = gateway.handleDisconnect;
          await answerError(dependencies, filters, ended.error, connection, reference);
        }
      }
    }
    end.ended(channel, connection);
  } catch (error) {
    end.failed(error, channel, connection);
  }
}
