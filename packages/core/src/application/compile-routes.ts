// Reads every controller's metadata once and registers its routes in the router.
import { compileParameters } from '../binding/parameter-binder';
import { CorbelError } from '../errors/corbel-error';
import type { FilterRegistry } from '../filters/filter-registry';
import { type CorsOptions, CorsPolicy, mergeCorsOptions } from '../http/cors';
import { type HeaderRecord, isValidStatus, toHeaderRecord, UnsendableResponse } from '../http/response-writer';
import { joinPaths, pathParameterNames, type Router } from '../http/router';
import { type RoutePlacement, routeVersions } from '../http/versioning';
import type { Constructor } from '../metadata/constructor';
import { readController } from '../metadata/controller-metadata';
import { readCors, readVersions } from '../metadata/http-options-metadata';
import { readParameters, readParameterTypes } from '../metadata/parameter-metadata';
import { readHttpCode, readResponseHeaders, readRoutes } from '../metadata/route-metadata';
import type { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { DtoValidator } from '../validation/dto-validator';
import type { CompiledRoute } from './compiled-route';

export interface RouteCompilerDependencies {
  readonly router: Router<CompiledRoute>;
  readonly filters: FilterRegistry;
  readonly validator: DtoValidator;
  readonly instantiate: <T extends object>(type: Constructor<T>) => T;
  /** Composes each route's guards, interceptors and middleware; without it routes have no pipeline. */
  readonly pipelines?: PipelineCompiler;
  /** The app's prefix and versioning; without it routes are placed at their own paths. */
  readonly placement?: RoutePlacement;
  /** The app's `cors` option and its compiled policy: routes without @Cors share the policy. */
  readonly cors?: { readonly option: CorsOptions | boolean | undefined; readonly policy: CorsPolicy | null };
  /** True when the app has `cookies.secret`, so `@Cookie(name, { signed: true })` can be checked. */
  readonly signsCookies?: boolean;
  /** Told about each compiled route (the app notes whether any has CORS). */
  readonly onRoute?: (route: CompiledRoute) => void;
}

const UNPLACED: RoutePlacement = { prefix: '', versioning: null };

/** The route's CORS policy: the app's, unless the controller or method has @Cors laid over it. */
function corsPolicyOf(
  dependencies: RouteCompilerDependencies,
  controller: Constructor,
  handlerName: string,
  owner: string,
): CorsPolicy | null {
  const onClass = readCors(controller);
  const onMethod = readCors(controller.prototype as object, handlerName);
  const app = dependencies.cors;
  if (onClass === undefined && onMethod === undefined) return app?.policy ?? null;
  return new CorsPolicy(mergeCorsOptions(app?.option, onClass, onMethod), `@Cors on ${owner}`);
}

/** The full paths a route is served at (one per URI version), each with the version the router keys it by. */
function placeRoute(
  placement: RoutePlacement,
  path: string,
  versions: readonly (string | undefined)[],
): { path: string; routerVersion: string | undefined }[] {
  return versions.map((version) => {
    if (version === undefined) return { path: joinPaths(placement.prefix, path), routerVersion: undefined };
    if (placement.versioning?.type === 'uri') {
      return { path: joinPaths(joinPaths(placement.prefix, `v${version}`), path), routerVersion: undefined };
    }
    return { path: joinPaths(placement.prefix, path), routerVersion: version };
  });
}

function nameOf(value: unknown): string {
  if (typeof value === 'function') return value.name || 'an anonymous class';
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`.slice(0, 80);
}

/** Compiles one controller; misuse throws a `CorbelError` naming the controller and method. */
export function compileController(controller: Constructor, dependencies: RouteCompilerDependencies): void {
  const definition = typeof controller === 'function' ? readController(controller) : undefined;
  if (!definition) {
    throw new CorbelError(
      'CORBEL_ERR_NOT_A_CONTROLLER',
      `${nameOf(controller)} is listed in controllers but has no @Controller(): add @Controller('/prefix') to it`,
    );
  }
  const instance = dependencies.instantiate(controller) as Record<string, unknown>;
  const prototype = controller.prototype as object;
  const placement = dependencies.placement ?? UNPLACED;
  const classVersions = readVersions(controller);
  for (const route of readRoutes(controller)) {
    const owner = `${controller.name}.${route.handlerName}`;
    const versions = routeVersions(placement, readVersions(prototype, route.handlerName) ?? classVersions, owner);
    const places = placeRoute(placement, joinPaths(definition.prefix, route.path), versions);
    const path = places[0].path;
    const declaredStatus = readHttpCode(prototype, route.handlerName);
    if (declaredStatus !== undefined && !isValidStatus(declaredStatus)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_ROUTE_OPTION',
        `@HttpCode(${declaredStatus}) on ${owner}: expected an integer status from 200 to 599`,
      );
    }
    const declaredHeaders = readResponseHeaders(prototype, route.handlerName);
    // Validated once here and kept, so no request re-checks them.
    let headers: HeaderRecord | null = null;
    try {
      if (declaredHeaders.length > 0) headers = toHeaderRecord([...declaredHeaders]);
    } catch (error) {
      const reason = error instanceof UnsendableResponse ? error.message : String(error);
      throw new CorbelError('CORBEL_ERR_INVALID_ROUTE_OPTION', `@Header on ${owner}: ${reason}`);
    }
    const parameters = compileParameters(
      {
        owner,
        path,
        pathParameters: pathParameterNames(path),
        parameters: readParameters(prototype, route.handlerName),
        declaredTypes: readParameterTypes(prototype, route.handlerName),
      },
      dependencies.validator,
      { signsCookies: dependencies.signsCookies === true },
    );
    const handler = instance[route.handlerName] as (...args: unknown[]) => unknown;
    const invoke = (args: unknown[]) => handler.apply(instance, args);
    const compiled: CompiledRoute = {
      reference: { controller, method: route.handlerName },
      parameters,
      filters: dependencies.filters.tableFor(controller, route.handlerName),
      invoke,
      pipeline:
        dependencies.pipelines?.forRoute({ controller, handlerName: route.handlerName, parameters, invoke }) ?? null,
      status: declaredStatus ?? (route.method === 'POST' ? 201 : 200),
      declaredStatus,
      headers,
      cors: corsPolicyOf(dependencies, controller, route.handlerName, owner),
    };
    for (const place of places) dependencies.router.add(route.method, place.path, compiled, owner, place.routerVersion);
    dependencies.onRoute?.(compiled);
  }
}
