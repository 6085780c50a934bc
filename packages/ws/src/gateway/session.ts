// One connection's life: handleConnection before the handshake, then the gateway, then handleDisconnect.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CorbelError, type CorbelRequest, HTTPException } from '@corbel/core';
import type { WebSocketConnection } from '../connection';
import type { SocketChannel } from '../transport/socket-channel';
import type { CompiledGateway, CompiledMethod, CompiledScope, StagedMethod } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';
import { handshakeRequest } from './handshake-request';
import { rejectUpgrade, rejectWithException } from './http-rejection';
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

async function attempt(method: CompiledMethod | undefined, args: unknown[]): Promise<Outcome> {
  if (!method) return OK;
  try {
    await method.invoke(...args);
    return OK;
  } catch (error) {
    return { ok: false, error };
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

/** The receive loop, inside its interceptors when it has any. */
async function loop(
  method: StagedMethod,
  connection: WebSocketConnection,
  handshake: CorbelRequest | undefined,
): Promise<Outcome> {
  if (!method.stages) return attempt(method, [connection]);
  try {
    await method.stages.run(handshake as CorbelRequest, () => method.invoke(connection), { connection });
    return OK;
  } catch (error) {
    return { ok: false, error };
  }
}

function refuseMisuse(
  socket: Duplex,
  error: CorbelError,
  scope: CompiledScope,
  dependencies: ErrorAnswerDependencies,
): void {
  const { controller, method } = scope.reference;
  dependencies.logger.error(
    { err: error, ...error.details, code: error.code, route: `${controller.name}.${method}` },
    'Refusing the WebSocket upgrade with 500',
  );
  rejectUpgrade(socket, 500, [], 'Internal Server Error');
}

/**
 * Runs a connection from the upgrade to its end. `accept` completes the handshake (ws attaches the socket
 * synchronously, or not at all when the client has already gone). Never rejects.
 * @example await runSession(parts, () => done(true), dependencies);
 */
export async function runSession(
  parts: SessionParts,
  accept: () => void,
  dependencies: ErrorAnswerDependencies,
): Promise<void> {
  const { gateway, connection, channel, request, socket } = parts;
  const handshake = gateway.usesStages ? handshakeRequest(request, connection) : undefined;
  // 1. The guards, then handleConnection, before the handshake completes: an HTTPException (a refusing guard's
  //    HTTPForbidden among them) refuses the upgrade.
  const connected = await connect(gateway, connection, request, handshake);
  if (!connected.ok && connected.error instanceof CorbelError) {
    // A framework misuse found on this request (a guard answering 1 or an object): the upgrade is refused, not let in.
    refuseMisuse(socket, connected.error, connected.scope, dependencies);
    channel.abandon();
    return;
  }
  if (!connected.ok && connected.error instanceof HTTPException) {
    rejectWithException(socket, connected.error, dependencies.logger);
    channel.abandon();
    return;
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
    return;
  }
  // 3. Any other guard or handleConnection error goes through the filters (a WebSocketException closes at once).
  if (!connected.ok) {
    const { filters, reference } = connected.scope;
    await answerError(dependencies, filters, connected.error, connection, reference);
  }
  // 4. The gateway's own part, while the connection is open.
  if (connection.state === 'open') {
    if (gateway.onConnection) {
      const { filters, reference } = gateway.onConnection;
      const ended = await loop(gateway.onConnection, connection, handshake);
      if (!ended.ok) await answerError(dependencies, filters, ended.error, connection, reference);
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
