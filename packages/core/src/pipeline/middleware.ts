// The contract of middleware: the outermost stage, given the request and the rest of the pipeline.
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';
import type { CallNext } from './interceptor';

/**
 * A middleware function: `await next()` runs the rest and returns its result; what the function resolves to is
 * sent (returning nothing after calling `next()` passes the result on unchanged).
 * @example
 * const requestId: MiddlewareFunction = async (request, next) => { request.raw.headers['x-id'] ??= randomUUID(); return next(); };
 */
export type MiddlewareFunction = (request: CorbelRequest, next: CallNext) => Promise<unknown>;

/**
 * Class middleware, instantiated with injection.
 * @example
 * @Injectable() class AuditMiddleware implements Middleware {
 *   constructor(private readonly audit: AuditLog) {}
 *   async use(request: CorbelRequest, next: CallNext) { this.audit.record(request.path); return next(); }
 * }
 */
export interface Middleware {
  use(request: CorbelRequest, next: CallNext): Promise<unknown>;
}

/**
 * A middleware function, a middleware class, or a ready instance.
 * @example createApp({ middleware: [requestLog, AuditMiddleware] })
 */
export type MiddlewareReference = MiddlewareFunction | Constructor<Middleware> | Middleware;
