// The @SubscribeMessage style: handles JSON frames `{ event, data }` one at a time, in order, as they arrive.
import { type CorbelRequest, type HandlerStages, WebSocketException } from '@corbel/core';
import secureJson from 'secure-json-parse';
import type { WebSocketConnection } from '../connection';
import type { FrameWaiter, ReceivedFrame } from '../transport/receive-queue';
import type { CompiledGateway, CompiledHandler } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';

/** The envelope every frame of a message-handler gateway carries. */
interface EventMessage {
  readonly event: string;
  readonly data: unknown;
}

/** Where the loop takes frames from and sends its replies; the socket channel implements it. */
export interface FrameSource {
  /** The next frame now, or later through `waiter`: synchronously, with the frame or the end. */
  take(waiter: FrameWaiter): ReceivedFrame | undefined;
  /** Sends a reply; a promise means "wait before the next frame" (the peer is not reading). */
  reply(text: string): Promise<void> | undefined;
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

/**
 * One connection's frames. A frame that arrives while the loop is idle is handled inside ws's 'message' event:
 * parsed, bound, invoked and answered synchronously, with no promise. Only what must wait (a handler or binder
 * returning a promise, stages, an error for the filters, a peer that stopped reading) returns a promise; until it
 * settles, new frames wait in the bounded receive queue, which pauses the socket when full.
 */
class MessageLoop implements FrameWaiter {
  readonly #gateway: CompiledGateway;
  readonly #connection: WebSocketConnection;
  readonly #source: FrameSource;
  readonly #dependencies: ErrorAnswerDependencies;
  readonly #handshake: CorbelRequest | undefined;
  readonly #ended: Promise<void>;
  #end: () => void = () => {};
  // Bound once: it runs after every frame that had to wait.
  readonly #continue = (): void => this.#drain();

  constructor(
    gateway: CompiledGateway,
    connection: WebSocketConnection,
    source: FrameSource,
    dependencies: ErrorAnswerDependencies,
    handshake: CorbelRequest | undefined,
  ) {
    this.#gateway = gateway;
    this.#connection = connection;
    this.#source = source;
    this.#dependencies = dependencies;
    this.#handshake = handshake;
    this.#ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }

  run(): Promise<void> {
    this.#drain();
    return this.#ended;
  }

  /** A frame came while the loop was waiting (called from the queue's push). */
  resolve(frame: ReceivedFrame): void {
    const pending = this.#handle(frame);
    if (pending) pending.then(this.#continue);
    else this.#drain();
  }

  /** The connection ended and every frame it left was handled. */
  reject(): void {
    this.#end();
  }

  /** Handles queued frames until one has to wait or none is left; then the queue calls `resolve` or `reject`. */
  #drain(): void {
    let frame = this.#source.take(this);
    while (frame) {
      const pending = this.#handle(frame);
      if (pending) {
        pending.then(this.#continue);
        return;
      }
      frame = this.#source.take(this);
    }
  }

  /** Handles one frame; returns a promise (which never rejects) only when it could not finish synchronously. */
  #handle(frame: ReceivedFrame): Promise<void> | undefined {
    let handler: CompiledHandler | undefined;
    try {
      const message = parseEventFrame(frame);
      handler = this.#gateway.events.get(message.event);
      if (!handler) throw new WebSocketException(1003, `Unknown event ${JSON.stringify(message.event)}`);
      if (handler.stages !== null) {
        // usesStages is true whenever a handler has stages, so the session made the handshake request.
        const handshake = this.#handshake as CorbelRequest;
        return this.#settle(handler, runStaged(handler.stages, handler, message, this.#connection, handshake));
      }
      const bound = handler.bind(message.data, this.#connection);
      if (isPromise(bound)) return this.#settle(handler, this.#invokeLater(handler, bound));
      const result = handler.invoke(...bound);
      if (isPromise(result)) return this.#settle(handler, result);
      return this.#reply(handler, result);
    } catch (error) {
      return this.#fail(handler, error);
    }
  }

  async #invokeLater(handler: CompiledHandler, bound: Promise<unknown[]>): Promise<unknown> {
    return handler.invoke(...(await bound));
  }

  async #settle(handler: CompiledHandler, result: Promise<unknown>): Promise<void> {
    let value: unknown;
    try {
      value = await result;
    } catch (error) {
      return this.#fail(handler, error);
    }
    return this.#reply(handler, value);
  }

  /** A returned `{ event, data }` goes as is, another value as `{ event: <subscribed>, data }`; undefined: nothing. */
  #reply(handler: CompiledHandler, result: unknown): Promise<void> | undefined {
    if (result === undefined) return undefined;
    let waiting: Promise<void> | undefined;
    try {
      const text = handler.serialize(isEventMessage(result) ? result : { event: handler.event, data: result });
      if (text === undefined) throw new TypeError(`sendJson: a ${typeof result} is not JSON`);
      waiting = this.#source.reply(text);
    } catch (error) {
      return this.#fail(handler, error);
    }
    return waiting?.catch((error: unknown) => this.#fail(handler, error));
  }

  /** Frame errors before a handler was found belong to the gateway's filters, later ones to the handler's. */
  #fail(handler: CompiledHandler | undefined, error: unknown): Promise<void> {
    const { filters, reference } = handler ?? { filters: this.#gateway.filters, reference: null };
    return answerError(this.#dependencies, filters, error, this.#connection, reference);
  }
}

/**
 * Serves frames until the connection ends. Frames are handled in order, one at a time, so a slow handler leaves
 * the rest in the bounded queue and backpressure reaches the client. `handshake` is the request guards and
 * interceptors see (made only when the gateway has some).
 * @example await runMessageLoop(gateway, connection, channel, dependencies, handshake);
 */
export function runMessageLoop(
  gateway: CompiledGateway,
  connection: WebSocketConnection,
  source: FrameSource,
  dependencies: ErrorAnswerDependencies,
  handshake: CorbelRequest | undefined,
): Promise<void> {
  return new MessageLoop(gateway, connection, source, dependencies, handshake).run();
}
