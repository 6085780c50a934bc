// The open event streams of one app, so that close() can end them all and wait for their sources to stop.
import type { EventStream } from './event-stream';

/** Every event stream an app is serving; `app.close()` ends them. */
export class EventStreams {
  readonly #open = new Set<EventStream>();
  #isClosing = false;

  /** Tracks `stream` until it closes; during shutdown it is ended at once (the client reconnects elsewhere). */
  add(stream: EventStream): void {
    if (this.#isClosing) {
      void stream.finish();
      return;
    }
    this.#open.add(stream);
    stream.once('close', () => this.#open.delete(stream));
  }

  /** Ends every open stream and resolves once their sources stopped, or after `timeoutMs` at the latest. */
  async closeAll(timeoutMs: number): Promise<void> {
    this.#isClosing = true;
    const stopped = Promise.allSettled([...this.#open].map((stream) => stream.finish()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([stopped, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
