// One pull-based reader over async iterables, iterables and Observables, so every consumer stops a source alike.
import { isObservable, type ObservableLike, type SubscriptionLike, toObservable, unsubscribe } from './observable';

/**
 * A sequence of values read one at a time, whatever produced it. `return()` stops the source at once: an iterator's
 * `return()` runs (so a generator's `finally` runs when it next resumes), an Observable is unsubscribed. After
 * `return()`, or after the source ended or failed, `next()` answers `done`.
 * @example
 * const values = openValueStream(handlerResult);
 * try { for (let step = await values.next(); !step.done; step = await values.next()) send(step.value); }
 * finally { await values.return(); }
 */
export interface ValueStream extends AsyncIterableIterator<unknown> {
  next(): Promise<IteratorResult<unknown>>;
  return(): Promise<IteratorResult<unknown>>;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function member(value: unknown, key: symbol): unknown {
  return (value as Record<symbol, unknown>)[key];
}

/**
 * True for what `openValueStream` reads: an async iterable (an async generator, a Readable), an Observable (anything
 * with `subscribe`, or `Symbol.observable`), or an iterable other than a string (an array, a generator).
 * @example isValueSource((async function* () { yield 1; })()) // true; isValueSource('text') // false
 */
export function isValueSource(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'string') return false;
  return (
    typeof member(value, Symbol.asyncIterator) === 'function' ||
    isObservable(value) ||
    typeof member(value, Symbol.iterator) === 'function'
  );
}

/**
 * Reads `source` one value at a time. Async iterables are preferred, then Observables (subscribed on the first
 * `next()`, their values queued until read), then iterables (whose values are awaited, as `for await` does).
 * Throws a `TypeError` for anything `isValueSource` refuses.
 * @example const values = openValueStream(of(1, 2, 3)); await values.next(); // { value: 1, done: false }
 */
export function openValueStream(source: unknown): ValueStream {
  if (isValueSource(source)) {
    const asyncIterator = member(source, Symbol.asyncIterator);
    if (typeof asyncIterator === 'function') {
      return new IteratorStream(asyncIterator.call(source) as AsyncIterator<unknown>, false);
    }
    if (isObservable(source)) return new ObservableStream(toObservable(source));
    const iterator = member(source, Symbol.iterator) as () => Iterator<unknown>;
    return new IteratorStream(iterator.call(source), true);
  }
  const found = source === null ? 'null' : typeof source;
  throw new TypeError(`Expected an async iterable, an iterable or an Observable, got ${found}`);
}

/**
 * Async and sync iterators alike. A sync iterator's values are awaited, as `for await` does; an async iterator's
 * never need it (an async generator awaits what it yields), which saves a turn per value on the hot path.
 */
class IteratorStream implements ValueStream {
  readonly #iterator: Iterator<unknown> | AsyncIterator<unknown>;
  readonly #awaitsValues: boolean;
  #isDone = false;

  constructor(iterator: Iterator<unknown> | AsyncIterator<unknown>, awaitsValues: boolean) {
    this.#iterator = iterator;
    this.#awaitsValues = awaitsValues;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<unknown>> {
    if (this.#isDone) return DONE;
    try {
      const step = await this.#iterator.next();
      if (step.done) {
        this.#isDone = true;
        return DONE;
      }
      return { done: false, value: this.#awaitsValues ? await step.value : step.value };
    } catch (error) {
      this.#isDone = true;
      throw error;
    }
  }

  async return(): Promise<IteratorResult<unknown>> {
    if (this.#isDone) return DONE;
    this.#isDone = true;
    // An async generator busy in an `await` queues this until it reaches its next yield; nothing can cut it shorter.
    if (typeof this.#iterator.return === 'function') await this.#iterator.return();
    return DONE;
  }
}

type Waiter = { resolve(step: IteratorResult<unknown>): void; reject(error: unknown): void };

/** An Observable read by pulling: values that arrive before they are asked for wait in a queue. */
class ObservableStream implements ValueStream {
  readonly #observable: ObservableLike;
  #subscription: SubscriptionLike;
  #state: 'idle' | 'open' | 'complete' | 'failed' | 'closed' = 'idle';
  #error: unknown;
  #queue: unknown[] = [];
  #head = 0;
  #waiter: Waiter | null = null;

  constructor(observable: ObservableLike) {
    this.#observable = observable;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.#state === 'idle') this.#subscribe();
    if (this.#head < this.#queue.length) return Promise.resolve({ done: false, value: this.#shift() });
    if (this.#state === 'failed') {
      this.#state = 'closed';
      return Promise.reject(this.#error);
    }
    if (this.#state !== 'open') return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<unknown>> {
    const wasOpen = this.#state === 'open';
    this.#state = 'closed';
    this.#queue = [];
    this.#head = 0;
    if (wasOpen) this.#unsubscribe();
    this.#settle(DONE);
    return Promise.resolve(DONE);
  }

  #subscribe(): void {
    this.#state = 'open';
    let subscription: SubscriptionLike;
    try {
      subscription = this.#observable.subscribe({
        next: (value) => this.#push(value),
        error: (error) => this.#fail(error),
        complete: () => this.#complete(),
      });
    } catch (error) {
      this.#fail(error);
      return;
    }
    // The source may have completed, failed or been returned while subscribe() was still running.
    if (this.#state === 'open') this.#subscription = subscription;
    else endQuietly(subscription);
  }

  #shift(): unknown {
    const value = this.#queue[this.#head];
    this.#queue[this.#head++] = undefined;
    // Compact now and then, so a long burst read slowly does not cost O(n) per value.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return value;
  }

  #push(value: unknown): void {
    if (this.#state !== 'open') return;
    if (this.#waiter) this.#settle({ done: false, value });
    else this.#queue.push(value);
  }

  #fail(error: unknown): void {
    if (this.#state !== 'open') return;
    this.#unsubscribe();
    if (this.#waiter) {
      this.#state = 'closed';
      const waiter = this.#waiter;
      this.#waiter = null;
      waiter.reject(error);
      return;
    }
    this.#state = 'failed';
    this.#error = error;
  }

  #complete(): void {
    if (this.#state !== 'open') return;
    this.#state = 'complete';
    this.#unsubscribe();
    this.#settle(DONE);
  }

  #settle(step: IteratorResult<unknown>): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.resolve(step);
  }

  #unsubscribe(): void {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    endQuietly(subscription);
  }
}

function endQuietly(subscription: SubscriptionLike): void {
  try {
    unsubscribe(subscription);
  } catch {
    // A teardown that throws must not stop the reader from ending; the source is gone either way.
  }
}
