// Loads rxjs on first use: an optional peer dependency that only `next.handle()` needs.
import { CorbelError } from '../errors/corbel-error';
import type { HandledObservable } from '../pipeline/interceptor';
import type { ObserverLike } from './observable';

/** The part of rxjs Corbel uses: its Observable class, built from a subscribe function. */
interface RxjsModule {
  readonly Observable: new <T>(subscribe: (subscriber: ObserverLike<T>) => () => void) => HandledObservable<T>;
}

let loaded: RxjsModule | undefined;

/**
 * The installed rxjs, loaded once. Without it this throws `CORBEL_ERR_MISSING_PEER_DEPENDENCY`, saying what to do.
 * @example const { Observable } = loadRxjs();
 */
export function loadRxjs(): RxjsModule {
  if (loaded) return loaded;
  try {
    loaded = require('rxjs') as RxjsModule;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorbelError(
      'CORBEL_ERR_MISSING_PEER_DEPENDENCY',
      `next.handle() returns an rxjs Observable, but rxjs could not be loaded (${reason.split('\n')[0]}): install ` +
        'it (npm install rxjs), or write the interceptor with `await next()`, which needs nothing',
    );
  }
  return loaded;
}
