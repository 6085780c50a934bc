// Builds the `next` an interceptor gets: callable for the rest's value, and `handle()` for an rxjs Observable of it.
import { isObservable, lastValueOf, type SubscriptionLike, subscribeTo, unsubscribe } from '../async/observable';
import { loadRxjs } from '../async/rxjs';
import type { CallHandler, HandledObservable } from './interceptor';

function settle(value: unknown): unknown {
  // A Corbel-style interceptor awaiting next() sees plain values, whatever style the handler was written in.
  return isObservable(value) ? lastValueOf(value) : value;
}

/** An rxjs Observable that runs `rest` when subscribed and emits its value, or every value of its Observable. */
function observableOf(rest: () => Promise<unknown>): HandledObservable {
  const { Observable } = loadRxjs();
  return new Observable<unknown>((subscriber) => {
    let inner: SubscriptionLike;
    let closed = false;
    rest().then(
      (value) => {
        if (closed) return;
        if (!isObservable(value)) {
          subscriber.next(value);
          subscriber.complete();
          return;
        }
        inner = subscribeTo(value, {
          next: (item) => subscriber.next(item),
          error: (error) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
        if (closed) unsubscribe(inner);
      },
      (error: unknown) => {
        if (!closed) subscriber.error(error);
      },
    );
    return () => {
      closed = true;
      unsubscribe(inner);
    };
  });
}

/**
 * The `next` of one interceptor call: `next()` resolves to what `rest` gives (an Observable's last value),
 * `next.handle()` is NestJS's lazy Observable of it.
 * @example interceptor.intercept(context, callHandler(() => rest(context)));
 */
export function callHandler(rest: () => Promise<unknown>): CallHandler {
  const next = (() => rest().then(settle)) as CallHandler;
  next.handle = (() => observableOf(rest)) as CallHandler['handle'];
  return next;
}
