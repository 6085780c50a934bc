// The contract of a guard: decides whether a call may proceed.
import type { Constructor } from '../metadata/constructor';
import type { ExecutionContext } from './execution-context';

/**
 * A guard: `false` answers 403 through the filter lookup; throwing (say `HTTPUnauthorized`) answers that error.
 * @example
 * class ApiKeyGuard implements CanActivate {
 *   canActivate(context: ExecutionContext) { return context.request.headers['x-api-key'] === 'secret'; }
 * }
 */
export interface CanActivate {
  canActivate(context: ExecutionContext): boolean | Promise<boolean>;
}

/**
 * A guard class (instantiated with injection) or a ready instance.
 * @example @UseGuards(AuthGuard, new IpGuard(['127.0.0.1']))
 */
export type GuardReference = Constructor<CanActivate> | CanActivate;
