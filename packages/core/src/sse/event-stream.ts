// The body of one Server-Sent Events answer: pulls values from a source, writes them as events, beats, and stops it.
import { Readable } from 'node:stream';
import type { ValueStream } from '../async/value-stream';
import { ClientDisconnected } from '../http/body-reader';
import type { Logger } from '../logging/logger';
import { formatErrorEvent, formatEvent, HEARTBEAT } from './event-format';

export interface EventStreamOptions {
  /** Milliseconds between heartbeat comments; 0 for none. */
  readonly heartbeatMs: number;
  /** The `event: error` data for a failure after the stream started (the filters' answer body). */
  readonly describeFailure: (error: unknown) => string | Promise<string>;
  readonly logger: Logger;
}

/**
 * Events that are ready within one tick go out in one write, up to this many characters: a fast source then costs
 * one syscall per batch rather than per event, and nothing waits (the batch is flushed at the end of the tick).
 */
const BATCH_CHARS = 16 * 1024;

/** The client left before the first event: there is nobody left to answer. */
export class StreamAbandoned extends ClientDisconnected {
  constructor() {
    super('The client disconnected before the event stream sent its first event');
    this.name = 'StreamAbandoned';
  }
}

/**
 * A byte stream of events, piped to the response like any streamed body. The first value is pulled at once, so
 * `started` tells whether the source began (then the status and headers go out) or failed first (then the filters
 * answer it as any error). Destroying the stream (the client left) stops the source at once.
 */
export class EventStream extends Readable {
  readonly #values: ValueStream;
  readonly #options: EventStreamOptions;
  readonly #started: Promise<void>;
  #markStarted!: () => void;
  #failStart!: (error: unknown) => void;
  #heartbeat: NodeJS.Timeout | undefined;
  #hasStarted = false;
  #isPulling = false;
  /** No more events will be pushed: the source ended, failed, or the stream was finished or destroyed. */
  #isEnding = false;
  #stopping: Promise<void> | undefined;
  #batch = '';
  #isFlushScheduled = false;

  constructor(values: ValueStream, options: EventStreamOptions) {
    super();
    this.#values = values;
    this.#options = options;
    this.#started = new Promise<void>((resolve, reject) => {
      this.#markStarted = resolve;
      this.#failStart = reject;
    });
    // Nobody may be waiting any more when the source fails (the client left first): never an unhandled rejection.
    this.#started.catch(() => {});
    if (options.heartbeatMs > 0) {
      // Kept referenced on purpose: every way the stream ends clears it, and a leak would then show, not hide.
      this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs);
    }
    this.#pull();
  }

  /** Resolves once there is something to send (an event, a heartbeat, or the end); rejects if the source failed first. */
  get started(): Promise<void> {
    return this.#started;
  }

  /** Ends the stream now (`app.close()`); resolves once the source has stopped (its `finally` ran). */
  finish(): Promise<void> {
    if (!this.#isEnding) {
      this.#endEvents();
      this.#flush();
      this.#start();
      this.push(null);
    }
    return this.#stop();
  }

  override _read(): void {
    this.#pull();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#endEvents();
    if (!this.#hasStarted) this.#failStart(new StreamAbandoned());
    void this.#stop();
    callback(error);
  }

  #pull(): void {
    if (this.#isPulling || this.#isEnding) return;
    this.#isPulling = true;
    this.#values.next().then(
      (step) => this.#receive(step),
      (error: unknown) => this.#fail(error),
    );
  }

  #receive(step: IteratorResult<unknown>): void {
    this.#isPulling = false;
    if (this.#isEnding) return;
    if (step.done) {
      this.#endEvents();
      this.#flush();
      this.#start();
      this.push(null);
      return;
    }
    let text: string;
    try {
      text = formatEvent(step.value);
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#batch += text;
    // A full batch is written now; the next pull then waits for the consumer to ask (_read), which is backpressure.
    if (this.#batch.length >= BATCH_CHARS) {
      this.#flush();
      return;
    }
    this.#scheduleFlush();
    this.#pull();
  }

  #scheduleFlush(): void {
    if (this.#isFlushScheduled) return;
    this.#isFlushScheduled = true;
    process.nextTick(() => {
      this.#isFlushScheduled = false;
      if (!this.#isEnding) this.#flush();
    });
  }

  #flush(): void {
    if (this.#batch === '' || this.destroyed) return;
    const text = this.#batch;
    this.#batch = '';
    this.#start();
    this.push(text);
  }

  #beat(): void {
    // Bytes already waiting for the socket keep the connection busy; a ping would only queue behind them.
    if (this.#isEnding || this.#batch !== '' || this.readableLength > 0) return;
    this.#start();
    this.push(HEARTBEAT);
  }

  #fail(error: unknown): void {
    this.#isPulling = false;
    if (this.#isEnding) return;
    // Events the source gave before failing are sent first: the failure comes after them.
    this.#flush();
    this.#endEvents();
    // The source may still be running (an event it gave could not be written): stop it.
    void this.#stop();
    if (!this.#hasStarted) {
      this.#failStart(error);
      this.destroy();
      return;
    }
    Promise.resolve()
      .then(() => this.#options.describeFailure(error))
      .then(
        (body) => this.#pushLast(formatErrorEvent(body)),
        () => this.#pushLast(formatErrorEvent('{"detail":"Internal Server Error"}')),
      );
  }

  #pushLast(text: string): void {
    if (this.destroyed) return;
    this.push(text);
    this.push(null);
  }

  #start(): void {
    if (this.#hasStarted) return;
    this.#hasStarted = true;
    this.#markStarted();
  }

  #endEvents(): void {
    this.#isEnding = true;
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  #stop(): Promise<void> {
    this.#stopping ??= this.#values.return().then(
      () => undefined,
      (error: unknown) => {
        try {
          this.#options.logger.error({ err: error }, "The event stream's source failed while it was being stopped");
        } catch {
          // Nothing is left to report the logger's own failure to.
        }
      },
    );
    return this.#stopping;
  }
}
