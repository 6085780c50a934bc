// Reads a route's guards, interceptors, middleware, @SetMetadata and custom parameters once, and composes them.
import type { CompiledParameters } from '../binding/parameter-binder';
import { CorbelError } from '../errors/corbel-error';
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';
import {
  readCustomMetadata,
  readCustomParameters,
  readUseGuards,
  readUseInterceptors,
  readUseMiddleware,
} from '../metadata/pipeline-metadata';
import { compileArgumentBinder } from './bind-arguments';
import { composeMiddleware, composeRoutePipeline, type RoutePipeline } from './compose-pipeline';
import type { MetadataKey } from './execution-context';
import type { CanActivate, GuardReference } from './guard';
import {
  composeHandlerStages,
  forbidden,
  type HandlerStageOptions,
  type HandlerStages,
  type StageScope,
} from './handler-stages';
import type { Interceptor, InterceptorReference } from './interceptor';
import type { Middleware, MiddlewareFunction, MiddlewareReference } from './middleware';

/** Runs the global middleware for a request no route matched; `error` (404/405) is what `next()` rejects with. */
export type UnmatchedPipeline = (request: CorbelRequest, error: unknown) => Promise<unknown>;

/** Makes the instance of a stage class, with injection, for the class that uses it (undefined: the app's root). */
export type StageFactory = <T extends object>(type: Constructor<T>, user: Constructor | undefined) => T;

export interface GlobalStages {
  readonly middleware?: readonly MiddlewareReference[];
  readonly guards?: readonly GuardReference[];
  readonly interceptors?: readonly InterceptorReference[];
}

/** What a route gives the compiler. */
export interface RouteDescription {
  readonly controller: Constructor;
  readonly handlerName: string;
  readonly parameters: CompiledParameters;
  readonly invoke: (args: unknown[]) => unknown;
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

  constructor(globals: GlobalStages, create: StageFactory, bodyLimit: number) {
    this.#create = create;
    this.#bodyLimit = bodyLimit;
    this.#middleware = this.#resolveMiddleware(globals.middleware ?? [], undefined, 'the global middleware');
    this.#guards = this.#resolveGuards(globals.guards ?? [], undefined, 'the global guards');
    this.#interceptors = this.#resolveInterceptors(globals.interceptors ?? [], undefined, 'the global interceptors');
  }

  /**
   * The global middleware run for unmatched requests (so a 404 is logged or answered by them too) around `inner`
   * (the plugins' fallbacks; by default `next()` rejects with the 404/405), or null when there is nothing to run.
   */
  unmatched(inner?: UnmatchedPipeline): UnmatchedPipeline | null {
    if (this.#middleware.length === 0) return inner ?? null;
    return composeMiddleware<unknown>(this.#middleware, inner ?? ((_request, error) => Promise.reject(error)));
  }

  /**
   * A plugin handler's guards and interceptors (a gateway's handshake or message), or null when it has none.
   * The app's global stages join (first) only where a scope lists `'global'`.
   */
  forHandler(target: Constructor, method: string, options: HandlerStageOptions = {}): HandlerStages | null {
    const prototype = target.prototype as object;
    const where = `${target.name}.${method}`;
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

  /** The pipeline of one route, or null when it has nothing to run but the handler. */
  forRoute(route: RouteDescription): RoutePipeline | null {
    const { controller, handlerName } = route;
    const prototype = controller.prototype as object;
    const owner = `${controller.name}.${handlerName}`;
    const middleware = [
      ...this.#middleware,
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
    if (middleware.length + guards.length + interceptors.length + customParameters.length === 0) return null;
    const metadata = new Map<MetadataKey, unknown>([
      ...readCustomMetadata(controller),
      ...readCustomMetadata(prototype, handlerName),
    ]);
    return composeRoutePipeline({
      descriptor: { controller, handler: handlerName, metadata },
      middleware,
      guards,
      interceptors,
      bind: compileArgumentBinder(route.parameters, customParameters, this.#bodyLimit),
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
  ): MiddlewareFunction[] {
    return references.map((reference) => {
      let instance: Middleware;
      if (isClassWith(reference, 'use')) instance = this.#create(reference as Constructor<Middleware>, user);
      else if (typeof reference === 'function' && !isClassSyntax(reference)) return reference as MiddlewareFunction;
      else if (hasMethod(reference, 'use')) instance = reference as Middleware;
      else throw this.#invalid(reference, where, 'a middleware', 'use(request, next), or a function');
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
