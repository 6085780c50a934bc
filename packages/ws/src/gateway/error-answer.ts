// Turns an error raised in a gateway into what the client gets: the filters' close, message, or nothing.
import {
  createWsArgumentsHost,
  type ErrorDispatcher,
  type FilterOutcome,
  type FilterTable,
  type Logger,
  ResponseValue,
  type RouteReference,
  WebSocketClose,
  WebSocketDisconnect,
  WebSocketException,
  type WsMessageReference,
} from '@corbel/core';
import type { WebSocketConnection } from '../connection';

export interface ErrorAnswerDependencies {
  readonly dispatcher: ErrorDispatcher;
  readonly logger: Logger;
}

const INTERNAL_ERROR = 1011;

async function send(connection: WebSocketConnection, value: unknown, logger: Logger): Promise<void> {
  if (connection.state !== 'open') return;
  try {
    if (value instanceof ResponseValue) {
      // A filter shared with HTTP may answer with json()/text(): its body is the message.
      if (typeof value.body === 'string') await connection.sendText(value.body);
      else if (value.body instanceof Uint8Array) await connection.sendBytes(value.body);
      else if (value.body !== null)
        throw new TypeError('A streamed response body cannot be sent as a WebSocket message');
      return;
    }
    await connection.sendJson(value);
  } catch (sendError) {
    if (sendError instanceof WebSocketDisconnect) return;
    logger.error({ err: sendError }, "A filter's answer could not be sent as a WebSocket message; closing with 1011");
    void connection.close(INTERNAL_ERROR, 'Internal Error');
  }
}

/** Applies the outcome: a `WebSocketClose` closes, another value is sent and the connection stays open. */
async function apply(outcome: FilterOutcome, connection: WebSocketConnection, logger: Logger): Promise<void> {
  if (outcome.failed) {
    const thrown = outcome.filterError;
    if (thrown instanceof WebSocketException) void connection.close(thrown.code, thrown.reason);
    else void connection.close(INTERNAL_ERROR, 'Internal Error');
    return;
  }
  const { value } = outcome;
  if (value === undefined) return;
  if (value instanceof WebSocketClose) {
    void connection.close(value.code, value.reason);
    return;
  }
  await send(connection, value, logger);
}

/**
 * Runs `error` through `table` with a WebSocket host and applies the answer. Never rejects: whatever happens here
 * ends as a close (started, not awaited), a log line, or both. `message` is the frame a handler failed on, so a filter
 * can tell which event failed (`host.switchToWs().getPattern()`).
 * @example await answerError(dependencies, handler.filters, error, connection, handler.reference);
 */
export async function answerError(
  dependencies: ErrorAnswerDependencies,
  table: FilterTable,
  error: unknown,
  connection: WebSocketConnection,
  route: RouteReference | null,
  message?: WsMessageReference,
): Promise<void> {
  const { dispatcher, logger } = dependencies;
  const host = createWsArgumentsHost(connection, route, message);
  try {
    const outcome = await dispatcher.dispatch(table, error, host);
    await apply(outcome, connection, logger);
  } catch (failure) {
    logger.error({ err: failure, originalError: error }, 'Answering a WebSocket error failed; closing with 1011');
    void connection.close(INTERNAL_ERROR, 'Internal Error');
  }
}
