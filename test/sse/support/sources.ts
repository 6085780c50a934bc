// Sources the SSE suites stream from: a minimal Observable without rxjs, and a generator that records its cleanup.

/** The observer shape the framework subscribes with. */
export interface TestObserver {
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * An Observable as small as the protocol allows: `subscribe` runs `produce`, whose returned teardown runs on
 * unsubscribe. Counts both, so a test can see that the framework subscribed and let go.
 * @example const ticks = new TestObservable((observer) => { observer.next(1); return () => {}; });
 */
export class TestObservable {
  subscriptions = 0;
  unsubscriptions = 0;
  readonly #produce: (observer: TestObserver) => (() => void) | undefined;

  constructor(produce: (observer: TestObserver) => (() => void) | undefined) {
    this.#produce = produce;
  }

  subscribe(observer: TestObserver): { unsubscribe(): void } {
    this.subscriptions++;
    const teardown = this.#produce(observer);
    let isOpen = true;
    return {
      unsubscribe: () => {
        if (!isOpen) return;
        isOpen = false;
        this.unsubscriptions++;
        teardown?.();
      },
    };
  }
}

/**
 * Resolves after `ms` milliseconds.
 * @example await sleep(5);
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
