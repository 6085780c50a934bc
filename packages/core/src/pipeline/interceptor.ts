// The contract of an interceptor: runs around the binding and the handler, and may change what they give.
import type { Constructor } from '../metadata/constructor';
import type { ExecutionContext } from './execution-context';

/**
 * Runs the rest of the pipeline (binding, handler, inner interceptors) and resolves to its result.
 * @example const result = await next();
 */
export type CallNext<T = unknown> = () => Promise<T>;

/**
 * An interceptor: what `intercept` returns (or resolves to) is the result. It may transform the result, time the
 * call, catch and map errors, or return a cached value without calling `next()`.
 * @example
 * class TimingInterceptor implements Interceptor {
 *   async intercept(context: ExecutionContext, next: CallNext) {
 *     const started = performance.now();
 *     try { return await next(); } finally { metrics.observe(context.handler, performance.now() - started); }
 *   }
 * }
 */
export interface Interceptor {
  intercept(context: ExecutionContext, next: CallNext): unknown;
}

/**
 * An interceptor class (instantiated with injection) or a ready instance.
 * @example @UseInterceptors(TimingInterceptor, new CacheInterceptor(60))
 */
export type InterceptorReference = Constructor<Interceptor> | Interceptor;
