// Reads a route's guards, interceptors, middleware, @SetMetadata and custom parameters once, and composes them.
import type { CompiledParameters } from '../binding/parameter-binder';
import { CorbelError } from '../errors/corbel-error';
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';
import { readUsePipes } from '../metadata/pipe-metadata';
import {
  readCustomMetadata,
  readCustomParameters,
  readUseGuards,
  readUseInterceptors,
  readUseMiddleware,
} from '../metadata/pipeline-metadata';
import { type HandlerPipes, PipeResolver } from '../pipes/pipe-resolver';
import type { PipeReference } from '../pipes/pipe-transform';
import type { DtoValidator } from '../validation/dto-validator';
import { compileArgumentBinder, compileCustomPipes } from './bind-arguments';
import { composeMiddleware, composeRoutePipeline, type RoutePipeline } from './compose-pipeline';
import type { MetadataKey } from './execution-context';
import type { CanActivate, GuardReference } from './guard';
import { forbidden } from './guard-answer';
import { composeHandlerStages, type HandlerStageOptions, type HandlerStages, type StageScope } from './handler-stages';
import type { Interceptor, InterceptorReference } from './interceptor';
import type { Middleware, MiddlewareFunction, MiddlewareReference } from './middleware';
import type { ConsumerRule } from './middleware-consumer';
import { type CompiledSelector, compileSelector, type SelectedRoute } from './route-selector';

/** Runs the global middleware for a request no route matched; `error` (404/405) is what `next()` rejects with. */
export type UnmatchedPipeline = (request: CorbelRequest, error: unknown) => Promise<unknown>;

/** Makes the instance of a stage class, with injection, for the class that uses it (undefined: the app's root). */
export type StageFactory = <T extends object>(type: Constructor<T>, user: Constructor | undefined) => T;

export interface GlobalStages {
  readonly middleware?: readonly MiddlewareReference[];
  readonly guards?: readonly GuardReference[];
  readonly interceptors?: readonly InterceptorReference[];
  readonly pipes?: readonly PipeReference[];
  /** What modules' `configure(consumer)` applied, each with the way to make its classes in its module. */
  readonly consumer?: readonly (ConsumerRule & { create<T extends object>(type: Constructor<T>): T })[];
  /**
   * `createApp({ prefix })`: as in NestJS, `forRoutes`/`exclude` paths are written without it (`'cats'` names
   * `/api/cats`), so they are matched against each path with the prefix taken off.
   */
  readonly prefix?: string;
}

/** `/api/cats` → `/cats` under the prefix `/api`; a path outside the prefix is kept as it is. */
function withoutPrefix(path: string, prefix: string): string {
  if (prefix === '' || prefix === '/' || !path.startsWith(prefix)) return path;
  const rest = path.slice(prefix.length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : path;
}

/** A consumer rule, compiled: its middleware, the selectors it includes and excludes, and which have matched. */
interface CompiledRule {
  readonly middleware: readonly MiddlewareFunction[];
  readonly include: readonly CompiledSelector[];
  readonly exclude: readonly CompiledSelector[];
  readonly where: string;
  readonly matched: Set<CompiledSelector>;
}

/** What a route gives the compiler. */
export interface RouteDescription {
  readonly controller: Constructor;
  readonly handlerName: string;
  readonly parameters: CompiledParameters;
  readonly invoke: (args: unknown[]) => unknown;
  /** `design:paramtypes` of the handler, for the declared type of custom parameters. */
  readonly declaredTypes?: readonly unknown[];
  /** The handler's pipes, from `pipesFor`. */
  readonly pipes?: HandlerPipes;
  /** The route's method and declared path, for the middleware consumer's rules. */
  readonly method?: string;
  readonly path?: string;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return value.name || 'an anonymous function';
  if (typeof value === 'object' && value !== null) return `an instance of ${value.constructor?.name ?? 'Object'}`;
  return `${typeof value} ${String(value)}`;
}

function hasMethod(value: unknown, method: string): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as Record<string, unknown>)[method] === 'function'
  );
}

function isClassWith(value: unknown, method: string): value is Constructor {
  return typeof value === 'function' && hasMethod((value as { prototype?: unknown }).prototype, method);
}

const BOTH: readonly StageScope[] = ['class', 'method'];

/** Express's (req, res, next) would get Corbel's next as `res` and fail on the first request: refuse it now. */
function refuseExpressStyle(use: unknown, reference: unknown, where: string): void {
  if (typeof use !== 'function' || use.length < 3) return;
  throw new CorbelError(
    'CORBEL_ERR_INVALID_PIPELINE_STAGE',
    `${describe(reference)} in ${where} takes (req, res, next), as Express middleware do: Corbel middleware are ` +
      '(request, next) => Promise, where `await next()` runs the rest and resolves to its result',
  );
}

// A class without use() would otherwise be taken for a middleware function and fail on the first request.
function isClassSyntax(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/**
 * Compiles the pipeline of each route at start-up. A route with no stage and no custom parameter gets `null` and
 * keeps the request handler's direct path, untouched.
 */
export class PipelineCompiler {
  readonly #create: StageFactory;
  readonly #bodyLimit: number;
  readonly #middleware: readonly MiddlewareFunction[];
  readonly #guards: readonly CanActivate[];
  readonly #interceptors: readonly Interceptor[];
  readonly #pipes: PipeResolver;
  readonly #validator: DtoValidator;
  readonly #rules: readonly CompiledRule[];
  readonly #prefix: string;

  constructor(globals: GlobalStages, create: StageFactory, bodyLimit: number, validator: DtoValidator) {
    this.#create = create;
    this.#bodyLimit = bodyLimit;
    this.#validator = validator;
    this.#prefix = (globals.prefix ?? '').replace(/\/+$/, '');
    this.#pipes = new PipeResolver(globals.pipes ?? [], create);
    this.#middleware = this.#resolveMiddleware(globals.middleware ?? [], undefined, 'the global middleware');
    this.#guards = this.#resolveGuards(globals.guards ?? [], undefined, 'the global guards');
    this.#interceptors = this.#resolveInterceptors(globals.interceptors ?? [], undefined, 'the global interceptors');
    this.#rules = (globals.consumer ?? []).map((rule) => {
      const where = `${rule.module}.configure()`;
      return {
        middleware: this.#resolveMiddleware(rule.middleware, undefined, `consumer.apply() in ${where}`, rule.create),
        include: rule.include.map((selector) => compileSelector(selector, `${where}: forRoutes`)),
        exclude: rule.exclude.map((selector) => compileSelector(selector, `${where}: exclude`)),
        where,
        matched: new Set(),
      };
    });
  }

  /** The consumer's middleware for one route: every rule that includes it and does not exclude it, in order. */
  #consumerMiddleware(route: SelectedRoute): MiddlewareFunction[] {
    const applied: MiddlewareFunction[] = [];
    for (const rule of this.#rules) {
      const including = rule.include.filter((selector) => selector.matches(route));
      for (const selector of including) rule.matched.add(selector);
      if (including.length === 0 || rule.exclude.some((selector) => selector.matches(route))) continue;
      applied.push(...rule.middleware);
    }
    return applied;
  }

  /**
   * Refuses, once every route is compiled, a `forRoutes(...)` entry that named no route (a typo, a controller the
   * app does not serve): its middleware would silently never run. `'*'` always counts, for unmatched requests.
   */
  checkConsumerRules(): void {
    for (const rule of this.#rules) {
      for (const selector of rule.include) {
        if (selector.everything || rule.matched.has(selector)) continue;
        throw new CorbelError(
          'CORBEL_ERR_INVALID_MODULE',
          `${rule.where}: forRoutes(${selector.shown}) matches no route of this app; a path is matched against ` +
            "each route's declared path ('cats/*', 'cats/:id')" +
            (this.#prefix === '' ? '' : `, written without the app prefix '${this.#prefix}'`) +
            ', a controller must be one the app serves',
        );
      }
    }
  }

  /** The pipes of a handler's parameters (global, @UsePipes on the class and the method, the parameter's own). */
  pipesFor(controller: Constructor, handlerName: string): HandlerPipes {
    return this.#pipes.forHandler(controller, handlerName);
  }

  /**
   * The global middleware (and the consumer's `forRoutes('*')` ones) run for unmatched requests (so a 404 is logged
   * or answered by them too) around `inner` (the plugins' fallbacks; by default `next()` rejects with the 404/405),
   * or null when there is nothing to run.
   */
  unmatched(inner?: UnmatchedPipeline): UnmatchedPipeline | null {
    const everywhere = this.#rules.flatMap((rule) => {
      const selectors = rule.include.filter((selector) => selector.everything);
      if (selectors.length === 0) return [];
      if (rule.exclude.length === 0) return rule.middleware;
      // Excluded paths are known only per request here: unmatched requests have no declared route to decide by.
      return rule.middleware.map(
        (use): MiddlewareFunction =>
          (request, next) =>
            rule.exclude.some((selector) =>
              selector.matchesPath(request.method, withoutPrefix(request.path, this.#prefix)),
            )
              ? next()
              : use(request, next),
      );
    });
    const middleware = [...this.#middleware, ...everywhere];
    if (middleware.length === 0) return inner ?? null;
    return composeMiddleware<unknown>(middleware, inner ?? ((_request, error) => Promise.reject(error)));
  }

  /**
   * A plugin handler's guards and interceptors (a gateway's handshake or message), or null when it has none.
   * The app's global stages join (first) only where a scope lists `'global'`.
   */
  forHandler(target: Constructor, method: string, options: HandlerStageOptions = {}): HandlerStages | null {
    const prototype = target.prototype as object;
    const where = `${target.name}.${method}`;
    if (readUsePipes(target).length + readUsePipes(prototype, method).length > 0) {
      // A plugin's handler binds its own arguments (a gateway's @MessageBody validates its DTO): pipes would not run.
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PIPELINE_STAGE',
        `@UsePipes on ${target.name} (or ${where}): pipes run on HTTP routes' parameters only, and this handler is ` +
          "not one; a gateway's @MessageBody validates its DTO already. Remove @UsePipes",
      );
    }
    const guardScopes = options.guards ?? BOTH;
    const interceptorScopes = options.interceptors ?? BOTH;
    const read = <T>(scopes: readonly StageScope[], reader: (target: object, member?: string) => readonly T[]) => [
      ...(scopes.includes('class') ? reader(target) : []),
      ...(scopes.includes('method') ? reader(prototype, method) : []),
    ];
    const guards = [
      ...(guardScopes.includes('global') ? this.#guards : []),
      ...this.#resolveGuards(read(guardScopes, readUseGuards), target, `@UseGuards on ${where}`),
    ];
    const interceptors = [
      ...(interceptorScopes.includes('global') ? this.#interceptors : []),
      ...this.#resolveInterceptors(
        read(interceptorScopes, readUseInterceptors),
        target,
        `@UseInterceptors on ${where}`,
      ),
    ];
    if (guards.length + interceptors.length === 0) return null;
    return composeHandlerStages({
      controller: target,
      handler: method,
      metadata: new Map([...readCustomMetadata(target), ...readCustomMetadata(prototype, method)]),
      guards,
      interceptors,
      refused: options.refused ?? forbidden,
      type: options.type ?? 'ws',
    });
  }

  /** True when any guard (global, the controller's or the method's) runs before this route's handler. */
  hasGuards(controller: Constructor, handlerName: string): boolean {
    return (
      this.#guards.length > 0 ||
      readUseGuards(controller).length > 0 ||
      readUseGuards(controller.prototype as object, handlerName).length > 0
    );
  }

  /** A plugin's route: the global middleware around `handler` (they see every request), or null without any. */
  forPluginRoute(handler: (request: CorbelRequest) => unknown): RoutePipeline | null {
    if (this.#middleware.length === 0) return null;
    const pipeline = composeMiddleware<undefined>(this.#middleware, async (request) => handler(request));
    return (request) => pipeline(request, undefined);
  }

  /**
   * The pipeline of one route, or null when it has nothing to run but the handler. With `always`, a pipeline even
   * then: an event stream's result must pass through one to be answered as a stream.
   */
  forRoute(route: RouteDescription, always = false): RoutePipeline | null {
    const { controller, handlerName } = route;
    const prototype = controller.prototype as object;
    const owner = `${controller.name}.${handlerName}`;
    const selected = { controller, method: route.method ?? 'ALL', path: withoutPrefix(route.path ?? '', this.#prefix) };
    const middleware = [
      ...this.#middleware,
      ...(this.#rules.length > 0 ? this.#consumerMiddleware(selected) : []),
      ...this.#resolveMiddleware(readUseMiddleware(controller), controller, `@UseMiddleware on ${controller.name}`),
      ...this.#resolveMiddleware(readUseMiddleware(prototype, handlerName), controller, `@UseMiddleware on ${owner}`),
    ];
    const guards = [
      ...this.#guards,
      ...this.#resolveGuards(readUseGuards(controller), controller, `@UseGuards on ${controller.name}`),
      ...this.#resolveGuards(readUseGuards(prototype, handlerName), controller, `@UseGuards on ${owner}`),
    ];
    const interceptors = [
      ...this.#interceptors,
      ...this.#resolveInterceptors(
        readUseInterceptors(controller),
        controller,
        `@UseInterceptors on ${controller.name}`,
      ),
      ...this.#resolveInterceptors(
        readUseInterceptors(prototype, handlerName),
        controller,
        `@UseInterceptors on ${owner}`,
      ),
    ];
    const customParameters = [...readCustomParameters(prototype, handlerName)].sort((a, b) => a.index - b.index);
    if (!always && middleware.length + guards.length + interceptors.length + customParameters.length === 0) return null;
    const customPipes = compileCustomPipes(customParameters, {
      owner,
      pipes: route.pipes ?? this.pipesFor(controller, handlerName),
      validator: this.#validator,
      declaredTypes: route.declaredTypes,
    });
    const metadata = new Map<MetadataKey, unknown>([
      ...readCustomMetadata(controller),
      ...readCustomMetadata(prototype, handlerName),
    ]);
    return composeRoutePipeline({
      descriptor: { controller, handler: handlerName, metadata },
      middleware,
      guards,
      interceptors,
      bind: compileArgumentBinder(route.parameters, customParameters, this.#bodyLimit, customPipes),
      invoke: route.invoke,
    });
  }

  #resolveGuards(references: readonly GuardReference[], user: Constructor | undefined, where: string): CanActivate[] {
    return this.#resolveStages(references, 'canActivate', user, where, 'a guard', 'canActivate(context)');
  }

  #resolveInterceptors(
    references: readonly InterceptorReference[],
    user: Constructor | undefined,
    where: string,
  ): Interceptor[] {
    return this.#resolveStages(references, 'intercept', user, where, 'an interceptor', 'intercept(context, next)');
  }

  /** Classes are instantiated (with injection), instances with the method are kept; anything else is refused. */
  #resolveStages<T extends object>(
    references: readonly (Constructor<T> | T)[],
    method: string,
    user: Constructor | undefined,
    where: string,
    what: string,
    signature: string,
  ): T[] {
    return references.map((reference) => {
      if (isClassWith(reference, method)) return this.#create(reference as Constructor<T>, user);
      if (typeof reference !== 'function' && hasMethod(reference, method)) return reference;
      throw this.#invalid(reference, where, what, signature);
    });
  }

  #resolveMiddleware(
    references: readonly MiddlewareReference[],
    user: Constructor | undefined,
    where: string,
    create: <T extends object>(type: Constructor<T>) => T = (type) => this.#create(type, user),
  ): MiddlewareFunction[] {
    return references.map((reference) => {
      let instance: Middleware;
      if (isClassWith(reference, 'use')) {
        refuseExpressStyle((reference as Constructor<Middleware>).prototype.use, reference, where);
        instance = create(reference as Constructor<Middleware>);
      } else if (typeof reference === 'function' && !isClassSyntax(reference)) {
        refuseExpressStyle(reference, reference, where);
        return reference as MiddlewareFunction;
      } else if (hasMethod(reference, 'use')) {
        refuseExpressStyle((reference as Middleware).use, reference, where);
        instance = reference as Middleware;
      } else throw this.#invalid(reference, where, 'a middleware', 'use(request, next), or a function');
      return (request, next) => instance.use(request, next);
    });
  }

  #invalid(reference: unknown, where: string, what: string, method: string): CorbelError {
    return new CorbelError(
      'CORBEL_ERR_INVALID_PIPELINE_STAGE',
      `${describe(reference)} in ${where} is not ${what}: expected a class or an object with ${method}`,
    );
  }
}
