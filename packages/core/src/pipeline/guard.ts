// The contract of a guard: decides whether a call may proceed.
import type { ObservableLike } from '../async/observable';
import type { Constructor } from '../metadata/constructor';
import type { ExecutionContext } from './execution-context';

/**
 * A guard: `true` (or a promise of it, or an Observable whose last value is `true`) lets the call through; `false` or
 * any falsy answer (`undefined`, `null`, `0`, `''`) answers 403 through the filter lookup; throwing (say
 * `HTTPUnauthorized`) answers that error. Any other answer (a number, a string, an object) is a programming error:
 * the call is refused with a logged 500 (`CORBEL_ERR_INVALID_GUARD_RESULT`), never let through.
 * @example
 * class ApiKeyGuard implements CanActivate {
 *   canActivate(context: ExecutionContext) { return context.request.headers['x-api-key'] === 'secret'; }
 * }
 */
export interface CanActivate {
  canActivate(context: ExecutionContext): boolean | Promise<boolean> | ObservableLike<boolean>;
}

/**
 * A guard class (instantiated with injection) or a ready instance.
 * @example @UseGuards(AuthGuard, new IpGuard(['127.0.0.1']))
 */
export type GuardReference = Constructor<CanActivate> | CanActivate;
