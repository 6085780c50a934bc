// The one adapter between Corbel and Observables (rxjs or any other): recognising one, subscribing, its values.

/** What an Observable calls back; every member is optional when subscribing. */
export interface ObserverLike<T = unknown> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

/** What `subscribe` returns: the way to stop receiving values and release what the source holds. */
export interface Unsubscribable {
  unsubscribe(): void;
}

/**
 * What `subscribe()` may give back in the wild: an rxjs `Subscription` (anything with `unsubscribe()`), a teardown
 * function (the TC39 proposal, zen-observable), or nothing. `unsubscribe()` ends any of them.
 * @example const subscription: SubscriptionLike = source.subscribe(observer); unsubscribe(subscription);
 */
export type SubscriptionLike = Unsubscribable | (() => void) | undefined | null;

/**
 * Anything with a `subscribe(observer)` method: an rxjs `Observable`, or another library's. Corbel needs no more of it.
 * @example const ticks: ObservableLike<number> = { subscribe: (observer) => { observer.next?.(1); observer.complete?.(); return { unsubscribe() {} }; } };
 */
export interface ObservableLike<T = unknown> {
  subscribe(observer: Partial<ObserverLike<T>>): SubscriptionLike;
}

/**
 * Registers what to do if the work is abandoned (the client left); returns the function that unregisters it.
 * @example const cancellation: Cancellation = (cancel) => { socket.once('close', cancel); return () => socket.off('close', cancel); };
 */
export type Cancellation = (cancel: (reason: unknown) => void) => () => void;

// The TC39 interop key rxjs uses: Symbol.observable where a polyfill defines it, else the string rxjs falls back to.
const OBSERVABLE_KEY: string | symbol = (Symbol as { observable?: symbol }).observable ?? '@@observable';

function hasMethod(value: object, key: string | symbol): boolean {
  return typeof (value as Record<string | symbol, unknown>)[key] === 'function';
}

/**
 * True for an Observable: an object with a `subscribe` method, or with the `Symbol.observable` interop method.
 * A promise is not one (it is awaited as a promise); a getter that throws makes it not one.
 * @example isObservable(of(1)) // true; isObservable({ id: 1 }) // false
 */
export function isObservable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return hasMethod(value, 'subscribe') || hasMethod(value, OBSERVABLE_KEY);
  } catch {
    return false;
  }
}

/** The object to subscribe to: the value itself, or what its interop method returns. */
function subscribableOf(value: object): ObservableLike {
  if (hasMethod(value, 'subscribe')) return value as ObservableLike;
  const interop = (value as Record<string | symbol, () => unknown>)[OBSERVABLE_KEY]();
  if (typeof interop === 'object' && interop !== null && hasMethod(interop, 'subscribe')) {
    return interop as ObservableLike;
  }
  throw new TypeError('Symbol.observable returned something without a subscribe() method');
}

/**
 * The object to subscribe to: the value itself when it has `subscribe`, else what its `Symbol.observable` method
 * returns (the interop protocol). Throws a `TypeError` for anything else.
 * @example toObservable(of(1)).subscribe({ next: (value) => send(value) });
 */
export function toObservable(value: unknown): ObservableLike {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(
      `Expected an Observable (an object with subscribe()), got ${value === null ? 'null' : typeof value}`,
    );
  }
  return subscribableOf(value);
}

/**
 * Ends a subscription whatever shape `subscribe()` gave it back in.
 * @example unsubscribe(source.subscribe(observer));
 */
export function unsubscribe(subscription: SubscriptionLike): void {
  if (typeof subscription === 'function') subscription();
  else if (subscription && typeof subscription.unsubscribe === 'function') subscription.unsubscribe();
}

/**
 * Subscribes `observer` to an Observable (through its interop method when it has no `subscribe`).
 * @example const subscription = subscribeTo(source, { next: (value) => subscriber.next(value) });
 */
export function subscribeTo(source: object, observer: Partial<ObserverLike<unknown>>): SubscriptionLike {
  return subscribableOf(source).subscribe(observer);
}

/**
 * Subscribes to `source` and calls `onValue` for each value; resolves when it completes, rejects with its error.
 * `cancellation` unsubscribes (and rejects with its reason) when the work is abandoned. Never leaves a subscription
 * open: a source that completes or fails while `subscribe` runs is unsubscribed as soon as it returns.
 * @example await forEachValue(of(1, 2, 3), (value) => send(value), whenClientLeaves(response));
 */
export function forEachValue(
  source: object,
  onValue: (value: unknown) => void,
  cancellation?: Cancellation,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let subscription: SubscriptionLike;
    let stopWatching: (() => void) | undefined;
    const release = () => {
      stopWatching?.();
      try {
        unsubscribe(subscription);
      } catch {
        // A teardown that throws has still been asked to stop; the answer does not depend on it.
      }
    };
    const end = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      release();
    };
    try {
      subscription = subscribeTo(source, {
        next: (value) => {
          if (settled) return;
          try {
            onValue(value);
          } catch (error) {
            end(() => reject(error));
          }
        },
        error: (error) => end(() => reject(error)),
        complete: () => end(() => resolve()),
      });
    } catch (error) {
      end(() => reject(error));
      return;
    }
    // Settled while subscribing (rxjs's of(), throwError()): the subscription only exists now.
    if (settled) release();
    else if (cancellation) stopWatching = cancellation((reason) => end(() => reject(reason)));
  });
}

/**
 * The last value `source` emits before completing (NestJS's rule for a handler's Observable), `undefined` when it
 * completes without one; rejects with its error, or with the cancellation's reason.
 * @example const answer = await lastValueOf(of(1, 2, 3)); // 3
 */
export function lastValueOf(source: object, cancellation?: Cancellation): Promise<unknown> {
  let last: unknown;
  return forEachValue(
    source,
    (value) => {
      last = value;
    },
    cancellation,
  ).then(() => last);
}
