// What Corbel takes for an Observable without depending on rxjs: anything with subscribe(), or Symbol.observable.

/** The observer Corbel subscribes with; rxjs, zen-observable and the TC39 proposal all accept this shape. */
export interface ObserverLike {
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

/** What `subscribe()` may return: an rxjs `Subscription` (or anything with `unsubscribe()`), or a teardown function. */
export type SubscriptionLike = { unsubscribe(): void } | (() => void) | undefined | null;

/**
 * An Observable as Corbel reads one: an object with a `subscribe(observer)` method.
 * @example const ticks: ObservableLike = interval(1000); // rxjs
 */
export interface ObservableLike {
  subscribe(observer: ObserverLike): SubscriptionLike;
}

// Symbol.observable is not in the language yet; libraries fall back to the '@@observable' string, as rxjs does.
const OBSERVABLE_KEY: symbol | string = (Symbol as unknown as { observable?: symbol }).observable ?? '@@observable';

function hasMethod(value: unknown, key: string | symbol): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as Record<string | symbol, unknown>)[key] === 'function'
  );
}

/**
 * True for anything with a `subscribe` method or a `Symbol.observable` (`'@@observable'`) method.
 * @example isObservable(of(1, 2)) // true (rxjs); isObservable([1, 2]) // false
 */
export function isObservable(value: unknown): boolean {
  return hasMethod(value, 'subscribe') || hasMethod(value, OBSERVABLE_KEY);
}

/**
 * The object to subscribe to: the value itself when it has `subscribe`, else what its `Symbol.observable` method
 * returns (the interop protocol). Throws a `TypeError` for anything else.
 * @example toObservable(of(1)).subscribe({ next: console.log, error: console.error, complete() {} });
 */
export function toObservable(value: unknown): ObservableLike {
  if (hasMethod(value, 'subscribe')) return value as ObservableLike;
  if (hasMethod(value, OBSERVABLE_KEY)) {
    const interop = (value as Record<string | symbol, () => unknown>)[OBSERVABLE_KEY]();
    if (hasMethod(interop, 'subscribe')) return interop as ObservableLike;
    throw new TypeError("The value's Symbol.observable method returned an object without subscribe()");
  }
  throw new TypeError(`Expected an Observable (an object with subscribe()), got ${typeof value}`);
}

/** Ends a subscription whatever shape `subscribe()` gave it. */
export function unsubscribe(subscription: SubscriptionLike): void {
  if (typeof subscription === 'function') subscription();
  else if (subscription && typeof subscription.unsubscribe === 'function') subscription.unsubscribe();
}
