// Reads every controller's metadata once and registers its routes in the router.
import { compileParameters } from '../binding/parameter-binder';
import { CorbelError } from '../errors/corbel-error';
import type { FilterRegistry } from '../filters/filter-registry';
import { type HeaderRecord, isValidStatus, toHeaderRecord, UnsendableResponse } from '../http/response-writer';
import { joinPaths, pathParameterNames, type Router } from '../http/router';
import type { Constructor } from '../metadata/constructor';
import { readController } from '../metadata/controller-metadata';
import { readParameters, readParameterTypes } from '../metadata/parameter-metadata';
import { readHttpCode, readResponseHeaders, readRoutes } from '../metadata/route-metadata';
import type { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { AnswerSerializers } from '../serialization/answer-serializers';
import type { DtoValidator } from '../validation/dto-validator';
import type { CompiledRoute } from './compiled-route';

export interface RouteCompilerDependencies {
  readonly router: Router<CompiledRoute>;
  readonly filters: FilterRegistry;
  readonly validator: DtoValidator;
  readonly instantiate: <T extends object>(type: Constructor<T>) => T;
  /** Composes each route's guards, interceptors and middleware; without it routes have no pipeline. */
  readonly pipelines?: PipelineCompiler;
  /** Decides how each route's answers (and its filters' answers) become JSON text. */
  readonly answers: AnswerSerializers;
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
  for (const route of readRoutes(controller)) {
    const owner = `${controller.name}.${route.handlerName}`;
    const path = joinPaths(definition.prefix, route.path);
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
    );
    const handler = instance[route.handlerName] as (...args: unknown[]) => unknown;
    const invoke = (args: unknown[]) => handler.apply(instance, args);
    const filters = dependencies.filters.tableFor(controller, route.handlerName);
    dependencies.answers.prepareFilters(filters.entries());
    const status = declaredStatus ?? (route.method === 'POST' ? 201 : 200);
    const compiled: CompiledRoute = {
      reference: { controller, method: route.handlerName },
      parameters,
      filters,
      invoke,
      pipeline:
        dependencies.pipelines?.forRoute({ controller, handlerName: route.handlerName, parameters, invoke }) ?? null,
      status,
      declaredStatus,
      headers,
      serialize: dependencies.answers.forRoute({ controller, handlerName: route.handlerName, owner, status }),
    };
    dependencies.router.add(route.method, path, compiled, owner);
  }
  dependencies.answers.refuseUnrouted(
    controller,
    readRoutes(controller).map((route) => route.handlerName),
  );
}
