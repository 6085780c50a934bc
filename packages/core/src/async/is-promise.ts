// The two promise tests the runtime branches on: a native promise (the fast paths) and any thenable (user code).

/** A native promise: what the hot paths check before paying for an `await`. */
export function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

/** Any thenable, as `await` treats it: a filter or factory may return one that is not a native promise. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
