// NestJS's MiddlewareConsumer: what a module's configure(consumer) applies, to which routes, recorded at createApp.
import { CorbelError } from '../errors/corbel-error';
import type { Constructor } from '../metadata/constructor';
import type { MiddlewareReference } from './middleware';

/**
 * The methods a `{ path, method }` route may name, as NestJS users write them (`RequestMethod.GET`).
 * @example consumer.apply(audit).forRoutes({ path: 'cats', method: RequestMethod.POST });
 */
export const RequestMethod = {
  GET: 'GET',
  POST: 'POST',
  PUT: 'PUT',
  DELETE: 'DELETE',
  PATCH: 'PATCH',
  ALL: 'ALL',
  OPTIONS: 'OPTIONS',
  HEAD: 'HEAD',
} as const;

/** One of `RequestMethod`'s values. */
export type RequestMethod = (typeof RequestMethod)[keyof typeof RequestMethod];

/**
 * A path (`*` matches anything, `:name` one segment) and the method it is limited to.
 * @example { path: 'cats/*', method: RequestMethod.GET }
 */
export interface RouteInfo {
  readonly path: string;
  readonly method: RequestMethod;
}

/** What `forRoutes` takes: a path, a `RouteInfo`, or a controller class (all its routes). */
export type RouteSelector = string | RouteInfo | Constructor;

/**
 * What `consumer.apply(...)` returns: `exclude(...)` routes, then `forRoutes(...)` to say where the middleware run.
 * @example consumer.apply(LoggerMiddleware).exclude({ path: 'health', method: RequestMethod.GET }).forRoutes('*');
 */
export interface MiddlewareConfigProxy {
  exclude(...routes: (string | RouteInfo)[]): MiddlewareConfigProxy;
  forRoutes(...routes: RouteSelector[]): MiddlewareConsumer;
}

/**
 * Given to a module's `configure(consumer)`: applies middleware (functions, classes made with injection from that
 * module, or instances) to routes. Which routes is decided once at `createApp`, by each route's declared path.
 * @example
 * class AppModule implements NestModule {
 *   configure(consumer: MiddlewareConsumer) { consumer.apply(requestLog).forRoutes(CatsController); }
 * }
 */
export interface MiddlewareConsumer {
  apply(...middleware: MiddlewareReference[]): MiddlewareConfigProxy;
}

/**
 * A module whose `configure(consumer)` Corbel calls at `createApp`, imports first.
 * @example @Module({ controllers: [CatsController] }) class CatsModule implements NestModule { configure(consumer: MiddlewareConsumer) {} }
 */
export interface NestModule {
  configure(consumer: MiddlewareConsumer): void;
}

/** One `apply(...).exclude(...).forRoutes(...)`, as recorded; `module` names it in errors. */
export interface ConsumerRule {
  readonly module: string;
  readonly middleware: readonly MiddlewareReference[];
  readonly include: readonly RouteSelector[];
  readonly exclude: readonly (string | RouteInfo)[];
}

/** Records the rules of one module's configure(); `finish()` refuses an apply() that never reached forRoutes(). */
export class MiddlewareRecorder implements MiddlewareConsumer {
  readonly rules: ConsumerRule[] = [];
  readonly #module: string;
  #open = 0;

  constructor(module: string) {
    this.#module = module;
  }

  apply(...middleware: MiddlewareReference[]): MiddlewareConfigProxy {
    if (middleware.length === 0) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_MODULE',
        `${this.#module}.configure(): consumer.apply() was given no middleware`,
      );
    }
    this.#open++;
    const exclude: (string | RouteInfo)[] = [];
    let closed = false;
    const proxy: MiddlewareConfigProxy = {
      exclude: (...routes) => {
        exclude.push(...routes);
        return proxy;
      },
      forRoutes: (...routes) => {
        if (closed)
          throw new CorbelError('CORBEL_ERR_INVALID_MODULE', `${this.#module}.configure(): forRoutes() twice`);
        if (routes.length === 0) {
          throw new CorbelError(
            'CORBEL_ERR_INVALID_MODULE',
            `${this.#module}.configure(): forRoutes() was given no route; give '*' for every route`,
          );
        }
        closed = true;
        this.#open--;
        this.rules.push({ module: this.#module, middleware, include: routes, exclude });
        return this;
      },
    };
    return proxy;
  }

  /** Throws when an `apply(...)` was never finished with `forRoutes(...)`: its middleware would never run. */
  finish(): void {
    if (this.#open === 0) return;
    throw new CorbelError(
      'CORBEL_ERR_INVALID_MODULE',
      `${this.#module}.configure(): consumer.apply(...) without .forRoutes(...): say which routes the middleware ` +
        "run on (a path, { path, method }, a controller, or '*')",
    );
  }
}
