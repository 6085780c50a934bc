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
import { readReturns, readThrows, type ThrowsDefinition } from '../metadata/response-metadata';
import { readHttpCode, readResponseHeaders, readRoutes } from '../metadata/route-metadata';
import { readSse } from '../metadata/sse-metadata';
import { readUploadParameters } from '../metadata/upload-metadata';
import type { RoutePipeline } from '../pipeline/compose-pipeline';
import type { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { AnswerSerializers } from '../serialization/answer-serializers';
import type { EventStreamCompiler } from '../sse/event-stream-compiler';
import type { UploadCompiler } from '../uploads/upload-compiler';
import type { DtoValidator } from '../validation/dto-validator';
import type { CompiledRoute } from './compiled-route';
import { describeParameters, describeUploads } from './route-description';

export interface RouteCompilerDependencies {
  readonly router: Router<CompiledRoute>;
  readonly filters: FilterRegistry;
  readonly validator: DtoValidator;
  readonly instantiate: <T extends object>(type: Constructor<T>) => T;
  /** Composes each route's guards, interceptors and middleware; without it routes have no pipeline. */
  readonly pipelines?: PipelineCompiler;
  /** Decides how each route's answers (and its filters' answers) become JSON text. */
  readonly answers: AnswerSerializers;
  /** Reads the bodies of routes with @UploadedFile/@UploadedFiles parameters. */
  readonly uploads?: UploadCompiler;
  /** Answers @Sse routes as event streams. */
  readonly eventStreams?: EventStreamCompiler;
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

/** @Throws only documents, so nothing at run time would notice a status that cannot be one: refuse it here. */
function checkThrows(declarations: readonly ThrowsDefinition[], owner: string): void {
  for (const { error } of declarations) {
    const isStatus = typeof error === 'number' && Number.isInteger(error) && error >= 300 && error <= 599;
    if (isStatus || typeof error === 'function') continue;
    throw new CorbelError(
      'CORBEL_ERR_INVALID_ROUTE_OPTION',
      `@Throws(${JSON.stringify(error) ?? String(error)}) on ${owner}: expected an error status from 300 to 599 or an error class`,
    );
  }
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
    const throws = readThrows(prototype, route.handlerName);
    checkThrows(throws, owner);
    const definitions = readParameters(prototype, route.handlerName);
    const declaredTypes = readParameterTypes(prototype, route.handlerName);
    const pipes = dependencies.pipelines?.pipesFor(controller, route.handlerName);
    const uploads = dependencies.uploads?.forHandler(owner, readUploadParameters(prototype, route.handlerName)) ?? null;
    const parameters = compileParameters(
      {
        owner,
        path,
        pathParameters: pathParameterNames(path),
        parameters: definitions,
        declaredTypes,
        uploads,
        pipes,
      },
      dependencies.validator,
      { signsCookies: dependencies.signsCookies === true },
    );
    const handler = instance[route.handlerName] as (...args: unknown[]) => unknown;
    const invoke = (args: unknown[]) => handler.apply(instance, args);
    const reference = { controller, method: route.handlerName };
    const filters = dependencies.filters.tableFor(controller, route.handlerName);
    dependencies.answers.prepareFilters(filters.entries());
    const status = declaredStatus ?? (route.method === 'POST' ? 201 : 200);
    const description = {
      controller,
      handlerName: route.handlerName,
      parameters,
      invoke,
      declaredTypes,
      pipes,
      method: route.method,
      path,
    };
    let pipeline = dependencies.pipelines?.forRoute(description) ?? null;
    const sse = readSse(prototype, route.handlerName);
    const { eventStreams, pipelines } = dependencies;
    const isEventStream = sse !== undefined && eventStreams !== undefined && pipelines !== undefined;
    if (isEventStream) {
      const inner = pipeline ?? (pipelines.forRoute(description, true) as RoutePipeline);
      pipeline = eventStreams.compile(
        { owner, method: route.method, path, declaredStatus, options: sse, reference, filters },
        inner,
      );
    }
    const compiled: CompiledRoute = {
      reference,
      parameters,
      filters,
      invoke,
      pipeline,
      status,
      declaredStatus,
      headers,
      describe: () => ({
        controller,
        handler: route.handlerName,
        status,
        declaredStatus,
        parameters: Object.freeze(describeParameters(definitions, declaredTypes)),
        readsBody: parameters.readsBody,
        uploads: Object.freeze(describeUploads(uploads?.parameters ?? [])),
        isEventStream,
        hasGuards: dependencies.pipelines?.hasGuards(controller, route.handlerName) ?? false,
        returns: Object.freeze([...readReturns(prototype, route.handlerName)]),
        throws: Object.freeze([...throws]),
        filters,
      }),
      cors: corsPolicyOf(dependencies, controller, route.handlerName, owner),
      serialize: dependencies.answers.forRoute({
        controller,
        handlerName: route.handlerName,
        owner,
        status,
        isEventStream,
      }),
    };
    for (const place of places) dependencies.router.add(route.method, place.path, compiled, owner, place.routerVersion);
    dependencies.onRoute?.(compiled);
  }
  dependencies.answers.refuseUnrouted(
    controller,
    readRoutes(controller).map((route) => route.handlerName),
  );
}
