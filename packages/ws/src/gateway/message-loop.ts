// The @SubscribeMessage style: handles JSON frames `{ event, data }` one at a time, in order, as they arrive.
import {
  type Cancellation,
  type CorbelRequest,
  forEachValue,
  type HandlerStages,
  isObservable,
  WebSocketDisconnect,
  WebSocketException,
} from '@corbel/core';
import type { WebSocketConnection } from '../connection';
import { parseJsonText } from '../transport/parse-json';
import type { FrameWaiter, ReceivedFrame } from '../transport/receive-queue';
import type { CompiledGateway, CompiledHandler } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';

/** The envelope every frame of a message-handler gateway carries. */
interface EventMessage {
  readonly event: string;
  readonly data: unknown;
}

/** Told once the loop has handled every frame the connection left (the session implements it). */
export interface LoopListener {
  loopEnded(): void;
}

/** Where the loop takes frames from and sends its replies; the socket channel implements it. */
export interface FrameSource {
  /** The next frame now, or later through `waiter`: synchronously, with the frame or the end. */
  take(waiter: FrameWaiter): ReceivedFrame | undefined;
  /** Sends a reply; a promise means "wait before the next frame" (the peer is not reading). */
  reply(text: string): Promise<void> | undefined;
  /** Settles once the connection is closed: a handler's Observable is unsubscribed then. */
  readonly closed?: Promise<unknown>;
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
  const value = parseJsonText(frame.data.toString('utf8'));
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
  readonly #listener: LoopListener;
  // Made on the first frame that has to wait (an async handler): a gateway that never waits never pays for it.
  #continue: (() => void) | undefined;
  // The frame being handled (one at a time), for the host its filters are given.
  #message: EventMessage | undefined;

  constructor(
    gateway: CompiledGateway,
    connection: WebSocketConnection,
    source: FrameSource,
    dependencies: ErrorAnswerDependencies,
    handshake: CorbelRequest | undefined,
    listener: LoopListener,
  ) {
    this.#gateway = gateway;
    this.#connection = connection;
    this.#source = source;
    this.#dependencies = dependencies;
    this.#handshake = handshake;
    this.#listener = listener;
  }

  run(): void {
    this.#drain();
  }

  /** A frame came while the loop was waiting (called from the queue's push). */
  resolve(frame: ReceivedFrame): void {
    const pending = this.#handle(frame);
    if (pending) this.#waitFor(pending);
    else this.#drain();
  }

  /** The connection ended and every frame it left was handled. */
  reject(): void {
    this.#listener.loopEnded();
  }

  /** Handles queued frames until one has to wait or none is left; then the queue calls `resolve` or `reject`. */
  #drain(): void {
    let frame = this.#source.take(this);
    while (frame) {
      const pending = this.#handle(frame);
      if (pending) {
        this.#waitFor(pending);
        return;
      }
      frame = this.#source.take(this);
    }
  }

  #waitFor(pending: Promise<void>): void {
    this.#continue ??= () => this.#drain();
    pending.then(this.#continue);
  }

  /** Handles one frame; returns a promise (which never rejects) only when it could not finish synchronously. */
  #handle(frame: ReceivedFrame): Promise<void> | undefined {
    let handler: CompiledHandler | undefined;
    this.#message = undefined;
    try {
      const message = parseEventFrame(frame);
      this.#message = message;
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
    if (isObservable(result)) return this.#stream(handler, result);
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

  /**
   * Sends every value of a handler's Observable as a message, in order (a send that must wait holds the next back);
   * its error goes through the handler's filters; it is unsubscribed when the connection closes.
   */
  async #stream(handler: CompiledHandler, source: object): Promise<void> {
    let sent: Promise<void> = Promise.resolve();
    try {
      await forEachValue(
        source,
        (value) => {
          sent = sent.then(() => this.#reply(handler, value));
        },
        this.#whenClosed(),
      );
    } catch (error) {
      await sent;
      return this.#fail(handler, error);
    }
    await sent;
  }

  #whenClosed(): Cancellation | undefined {
    const { closed } = this.#source;
    if (!closed) return undefined;
    return (cancel) => {
      let watching = true;
      void closed.then(() => {
        if (watching) cancel(new WebSocketDisconnect(this.#connection.closeCode ?? 1006, ''));
      });
      return () => {
        watching = false;
      };
    };
  }

  /** Frame errors before a handler was found belong to the gateway's filters, later ones to the handler's. */
  #fail(handler: CompiledHandler | undefined, error: unknown): Promise<void> {
    const { filters, reference } = handler ?? { filters: this.#gateway.filters, reference: null };
    return answerError(this.#dependencies, filters, error, this.#connection, reference, this.#message);
  }
}

/**
 * Serves frames until the connection ends, then tells `listener`. Frames are handled in order, one at a time, so
 * a slow handler leaves the rest in the bounded queue and backpressure reaches the client. `handshake` is the
 * request guards and interceptors see (made only when the gateway has some).
 * @example runMessageLoop(gateway, connection, channel, dependencies, handshake, session);
 */
export function runMessageLoop(
  gateway: CompiledGateway,
  connection: WebSocketConnection,
  source: FrameSource,
  dependencies: ErrorAnswerDependencies,
  handshake: CorbelRequest | undefined,
  listener: LoopListener,
): void {
  new MessageLoop(gateway, connection, source, dependencies, handshake, listener).run();
}
