// The contract of an interceptor: runs around the binding and the handler, and may change what they give.
import type { ObservableLike } from '../async/observable';
import type { Constructor } from '../metadata/constructor';
import type { ExecutionContext } from './execution-context';

/**
 * Runs the rest of the pipeline (binding, handler, inner interceptors) and resolves to its result; middleware get it
 * as `next`.
 * @example const result = await next();
 */
export type CallNext<T = unknown> = () => Promise<T>;

// Method syntax makes the parameter bivariant, so rxjs's operators (typed on its own Observable class) fit.
type PipeOperator<In, Out> = { bivarianceHack(source: In): Out }['bivarianceHack'];

/**
 * What `next.handle()` returns: an rxjs `Observable` at run time, typed without depending on rxjs. `pipe(...)` gives
 * the type of the last operator, so `next.handle().pipe(map(...))` is rxjs's own Observable.
 * @example const wrapped = next.handle().pipe(map((data) => ({ data })));
 */
export interface HandledObservable<T = unknown> extends ObservableLike<T> {
  pipe(): HandledObservable<T>;
  pipe<A>(op1: PipeOperator<ObservableLike<T>, A>): A;
  pipe<A, B>(op1: PipeOperator<ObservableLike<T>, A>, op2: PipeOperator<A, B>): B;
  pipe<A, B, C>(op1: PipeOperator<ObservableLike<T>, A>, op2: PipeOperator<A, B>, op3: PipeOperator<B, C>): C;
  pipe<A, B, C, D>(
    op1: PipeOperator<ObservableLike<T>, A>,
    op2: PipeOperator<A, B>,
    op3: PipeOperator<B, C>,
    op4: PipeOperator<C, D>,
  ): D;
  pipe<A, B, C, D, E>(
    op1: PipeOperator<ObservableLike<T>, A>,
    op2: PipeOperator<A, B>,
    op3: PipeOperator<B, C>,
    op4: PipeOperator<C, D>,
    op5: PipeOperator<D, E>,
  ): E;
  pipe<A, B, C, D, E, F>(
    op1: PipeOperator<ObservableLike<T>, A>,
    op2: PipeOperator<A, B>,
    op3: PipeOperator<B, C>,
    op4: PipeOperator<C, D>,
    op5: PipeOperator<D, E>,
    op6: PipeOperator<E, F>,
  ): F;
}

/**
 * The `next` an interceptor gets. Call it (`await next()`) for the rest's result, an Observable's last value
 * included; or call `next.handle()`, as in NestJS, for an rxjs Observable of it (lazy: the rest runs on subscribe).
 * `handle()` needs `rxjs` installed. Where the interceptor declares an rxjs return type, `handle()` takes it.
 * @example
 * intercept(context: ExecutionContext, next: CallHandler) {
 *   return next.handle().pipe(map((data) => ({ data })));
 * }
 */
export interface CallHandler<T = unknown> {
  (): Promise<T>;
  handle<O extends ObservableLike<T> = HandledObservable<T>>(): O;
}

/**
 * An interceptor: what `intercept` returns (or resolves to) is the result; an Observable's last value counts. It may
 * transform the result, time the call, catch and map errors, or return a cached value without calling `next`.
 * @example
 * class TimingInterceptor implements Interceptor {
 *   async intercept(context: ExecutionContext, next: CallHandler) {
 *     const started = performance.now();
 *     try { return await next(); } finally { metrics.observe(context.handler, performance.now() - started); }
 *   }
 * }
 */
export interface Interceptor {
  intercept(context: ExecutionContext, next: CallHandler): unknown;
}

/**
 * An interceptor class (instantiated with injection) or a ready instance.
 * @example @UseInterceptors(TimingInterceptor, new CacheInterceptor(60))
 */
export type InterceptorReference = Constructor<Interceptor> | Interceptor;
