// A bounded queue of received frames: pauses the socket when full, resumes it once the reader has caught up.

/** One message as it came off the wire: text frames are still bytes here (ws has checked their UTF-8). */
export interface ReceivedFrame {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

/** How the queue throttles its producer. */
export interface FlowControl {
  pause(): void;
  resume(): void;
}

export interface QueueLimits {
  /** Pause the socket at this many queued messages... */
  readonly maxMessages: number;
  /** ...or at this many queued bytes, whichever comes first. */
  readonly maxBytes: number;
}

/** Who waits for the next frame: called once, synchronously, with the frame or with the queue's end. */
export interface FrameWaiter {
  resolve(frame: ReceivedFrame): void;
  reject(error: unknown): void;
}

/** A pending `next`: turns the frame into the promised value as it arrives. */
class ReadingWaiter<T> implements FrameWaiter {
  readonly #read: (frame: ReceivedFrame) => T;
  readonly #resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;

  constructor(read: (frame: ReceivedFrame) => T, resolve: (value: T) => void, reject: (error: unknown) => void) {
    this.#read = read;
    this.#resolve = resolve;
    this.reject = reject;
  }

  resolve(frame: ReceivedFrame): void {
    let value: T;
    try {
      value = this.#read(frame);
    } catch (error) {
      this.reject(error);
      return;
    }
    this.#resolve(value);
  }
}

/**
 * Frames wait here until a receive takes them. A slow reader makes the queue fill, which pauses the socket, so
 * TCP pushes back on the sender instead of memory growing; the socket resumes below half the limits.
 */
export class ReceiveQueue {
  // Made when first needed: an idle connection (a waiting reader, nothing queued) holds no arrays.
  #frames: ReceivedFrame[] | undefined;
  #waiter: FrameWaiter | undefined;
  #moreWaiters: FrameWaiter[] | undefined;
  readonly #limits: QueueLimits;
  readonly #flow: FlowControl;
  #bytes = 0;
  #paused = false;
  #end: unknown;
  #ended = false;

  constructor(limits: QueueLimits, flow: FlowControl) {
    this.#limits = limits;
    this.#flow = flow;
  }

  /** True while the socket is paused because the reader is behind. */
  get isPaused(): boolean {
    return this.#paused;
  }

  get size(): number {
    return this.#frames?.length ?? 0;
  }

  push(frame: ReceivedFrame): void {
    if (this.#ended) return;
    const waiter = this.#takeWaiter();
    if (waiter) {
      waiter.resolve(frame);
      return;
    }
    this.#frames ??= [];
    this.#frames.push(frame);
    this.#bytes += frame.data.length;
    if (!this.#paused && (this.#frames.length >= this.#limits.maxMessages || this.#bytes >= this.#limits.maxBytes)) {
      this.#paused = true;
      this.#flow.pause();
    }
  }

  /**
   * The next frame as `read` turns it into a value (what `read` throws rejects); once the queue has ended and
   * drained, rejects with the end's error.
   */
  next<T>(read: (frame: ReceivedFrame) => T): Promise<T> {
    const frame = this.#shift();
    if (frame) {
      try {
        return Promise.resolve(read(frame));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.#ended) return Promise.reject(this.#end);
    // `read` runs when the frame arrives, so a receive costs one promise rather than a frame's and a `.then`'s.
    return new Promise((resolve, reject) => this.#addWaiter(new ReadingWaiter(read, resolve, reject)));
  }

  /**
   * The next frame if one is queued. Otherwise `waiter` gets the next one from `push`, synchronously and without
   * a promise, or the end's error (at once when the queue has already ended and drained).
   */
  take(waiter: FrameWaiter): ReceivedFrame | undefined {
    const frame = this.#shift();
    if (frame) return frame;
    if (this.#ended) waiter.reject(this.#end);
    else this.#addWaiter(waiter);
    return undefined;
  }

  /**
   * No more frames will come: waiting receives reject with `error`, later ones too once the queue is empty.
   * `drop` discards what is queued (the server chose to close, so nobody will read it).
   */
  end(error: unknown, drop: boolean): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#end = error;
    if (drop) {
      this.#frames = undefined;
      this.#bytes = 0;
    }
    for (let waiter = this.#takeWaiter(); waiter; waiter = this.#takeWaiter()) waiter.reject(error);
    if (this.#paused) {
      this.#paused = false;
      this.#flow.resume();
    }
  }

  // Waiters in arrival order: one slot for the usual single reader, an array only when receives overlap.
  #addWaiter(waiter: FrameWaiter): void {
    if (this.#waiter === undefined) {
      this.#waiter = waiter;
      return;
    }
    this.#moreWaiters ??= [];
    this.#moreWaiters.push(waiter);
  }

  #takeWaiter(): FrameWaiter | undefined {
    const waiter = this.#waiter;
    this.#waiter = this.#moreWaiters?.shift();
    return waiter;
  }

  #shift(): ReceivedFrame | undefined {
    const frame = this.#frames?.shift();
    if (frame) {
      this.#bytes -= frame.data.length;
      this.#resumeIfDrained();
    }
    return frame;
  }

  #resumeIfDrained(): void {
    if (!this.#paused || this.#ended) return;
    if (this.size <= this.#limits.maxMessages / 2 && this.#bytes <= this.#limits.maxBytes / 2) {
      this.#paused = false;
      this.#flow.resume();
    }
  }
}
