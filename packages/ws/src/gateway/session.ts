// One connection's life: handleConnection before the handshake, then the gateway, then handleDisconnect.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { HTTPException } from '@corbel/core';
import type { WebSocketConnection } from '../connection';
import type { SocketChannel } from '../transport/socket-channel';
import type { CompiledGateway, CompiledMethod } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';
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

async function attempt(method: CompiledMethod | undefined, args: unknown[]): Promise<Outcome> {
  if (!method) return { ok: true };
  try {
    await method.invoke(...args);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
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
  // 1. handleConnection, before the handshake completes: an HTTPException refuses the upgrade.
  const connected = await attempt(gateway.handleConnection, [connection, request]);
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
  // 3. Any other handleConnection error goes through the filters (a WebSocketException closes at once).
  if (!connected.ok && gateway.handleConnection) {
    const { filters, reference } = gateway.handleConnection;
    await answerError(dependencies, filters, connected.error, connection, reference);
  }
  // 4. The gateway's own part, while the connection is open.
  if (connection.state === 'open') {
    if (gateway.onConnection) {
      const { filters, reference } = gateway.onConnection;
      const loop = await attempt(gateway.onConnection, [connection]);
      if (!loop.ok) await answerError(dependencies, filters, loop.error, connection, reference);
      // The receive loop is the connection's lifetime: when it ends, so does the connection.
      void connection.close(1000, '');
    } else {
      await runMessageLoop(gateway, connection, () => channel.receive(), dependencies);
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
