// The @SubscribeMessage style: reads JSON frames `{ event, data }` one at a time and calls the subscribed handler.
import { type CorbelRequest, type HandlerStages, WebSocketDisconnect, WebSocketException } from '@corbel/core';
import secureJson from 'secure-json-parse';
import type { WebSocketConnection } from '../connection';
import type { ReceivedFrame } from '../transport/receive-queue';
import type { CompiledGateway, CompiledHandler } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';

/** The envelope every frame of a message-handler gateway carries. */
interface EventMessage {
  readonly event: string;
  readonly data: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventMessage(value: unknown): value is EventMessage {
  return isPlainObject(value) && typeof value.event === 'string';
}

/** Parses a frame; anything but a JSON text object with a string `event` is a `WebSocketException`. */
export function parseEventFrame(frame: ReceivedFrame): EventMessage {
  if (frame.isBinary) {
    throw new WebSocketException(1003, 'Expected a JSON text frame {"event": string, "data": …}, got a binary one');
  }
  let value: unknown;
  try {
    value = secureJson.parse(frame.data.toString('utf8'), undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch {
    throw new WebSocketException(1007, 'Invalid JSON');
  }
  if (!isEventMessage(value)) throw new WebSocketException(1007, 'Expected a JSON object {"event": string, "data": …}');
  return value;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

function reply(connection: WebSocketConnection, event: string, result: unknown): Promise<void> | undefined {
  if (result === undefined) return undefined;
  return connection.sendJson(isEventMessage(result) ? result : { event, data: result });
}

/** Guards, then interceptors around binding and the handler; resolves to what the outermost interceptor gives. */
function runStaged(
  stages: HandlerStages,
  handler: CompiledHandler,
  message: EventMessage,
  connection: WebSocketConnection,
  handshake: CorbelRequest,
): Promise<unknown> {
  const { event, data } = message;
  const call = async () => handler.invoke(...(await handler.bind(data, connection)));
  return stages.run(handshake, call, { connection, event, data });
}

async function handleFrame(
  gateway: CompiledGateway,
  connection: WebSocketConnection,
  frame: ReceivedFrame,
  dependencies: ErrorAnswerDependencies,
  handshake: CorbelRequest | undefined,
): Promise<void> {
  let handler: CompiledHandler | undefined;
  try {
    const message = parseEventFrame(frame);
    handler = gateway.events.get(message.event);
    if (!handler) throw new WebSocketException(1003, `Unknown event ${JSON.stringify(message.event)}`);
    let result: unknown;
    if (handler.stages === null) {
      // Most handlers bind and answer synchronously: awaiting a plain value still costs a microtask per frame.
      const bound = handler.bind(message.data, connection);
      const args = isPromise(bound) ? await bound : bound;
      const invoked = handler.invoke(...args);
      result = isPromise(invoked) ? await invoked : invoked;
    } else {
      // usesStages is true whenever a handler has stages, so the session made the handshake request.
      result = await runStaged(handler.stages, handler, message, connection, handshake as CorbelRequest);
    }
    const sent = reply(connection, handler.event, result);
    if (sent) await sent;
  } catch (error) {
    if (handler) await answerError(dependencies, handler.filters, error, connection, handler.reference);
    else await answerError(dependencies, gateway.filters, error, connection, null);
  }
}

/**
 * Serves frames until the connection ends. Frames are handled in order, one at a time, so a slow handler leaves
 * the rest in the bounded queue and backpressure reaches the client. `handshake` is the request guards and
 * interceptors see (made only when the gateway has some).
 * @example await runMessageLoop(gateway, connection, receive, dependencies, handshake);
 */
export async function runMessageLoop(
  gateway: CompiledGateway,
  connection: WebSocketConnection,
  receive: () => Promise<ReceivedFrame>,
  dependencies: ErrorAnswerDependencies,
  handshake: CorbelRequest | undefined,
): Promise<void> {
  while (true) {
    let frame: ReceivedFrame;
    try {
      frame = await receive();
    } catch (error) {
      if (error instanceof WebSocketDisconnect) return;
      throw error;
    }
    await handleFrame(gateway, connection, frame, dependencies, handshake);
  }
}
