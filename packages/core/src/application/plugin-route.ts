// A route a plugin serves (a documentation page, a health check): compiled once like a controller's, without one.
import { CorbelError } from '../errors/corbel-error';
import type { FilterTable } from '../filters/filter-table';
import type { CorsPolicy } from '../http/cors';
import type { CorbelRequest } from '../http/request';
import type { Router } from '../http/router';
import type { Constructor } from '../metadata/constructor';
import type { RouteMethod } from '../metadata/route-metadata';
import type { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { PluginRouteHandler } from '../plugins/plugin';
import type { AnswerSerializers } from '../serialization/answer-serializers';
import type { CompiledRoute } from './compiled-route';

export interface PluginRouteDependencies {
  readonly router: Router<CompiledRoute>;
  readonly globalFilters: FilterTable;
  readonly pipelines: PipelineCompiler;
  /** The app's CORS: a plugin's routes (a docs page, a document) answer other origins as the app does. */
  readonly cors: CorsPolicy | null;
  /** The app's answer serialization: a plugin route's objects are written as a controller's are. */
  readonly answers: AnswerSerializers;
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL']);

/**
 * The class filters see as `host.route.controller` for a plugin's routes: named after the plugin, so a log line or
 * `explainError` says whose route it was.
 */
function ownerClass(pluginName: string): Constructor {
  const owner = class {};
  Object.defineProperty(owner, 'name', { value: `${pluginName} plugin` });
  return owner;
}

/**
 * Returns the `addRoute` a plugin's context offers. The handler gets the request and answers as a controller method
 * does; its errors go through the global filters, and the global middleware run first (guards and interceptors
 * are the controllers'). Misuse throws a `CorbelError` from `createApp`.
 * @example const addRoute = pluginRoutes('openapi', { router, globalFilters, pipelines });
 */
export function pluginRoutes(
  pluginName: string,
  dependencies: PluginRouteDependencies,
): (method: RouteMethod, path: string, handler: PluginRouteHandler) => void {
  const owner = ownerClass(pluginName);
  return (method, path, handler) => {
    const where = `addRoute(${JSON.stringify(method)}, ${JSON.stringify(path)}) from the ${pluginName} plugin`;
    if (typeof method !== 'string' || !METHODS.has(method)) {
      throw new CorbelError('CORBEL_ERR_INVALID_PLUGIN', `${where}: expected one of ${[...METHODS].join(', ')}`);
    }
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new CorbelError('CORBEL_ERR_INVALID_PLUGIN', `${where}: expected a path starting with '/'`);
    }
    if (typeof handler !== 'function') {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PLUGIN',
        `${where}: expected a handler function, got ${typeof handler}`,
      );
    }
    const serve = (request: CorbelRequest) => handler(request);
    const route: CompiledRoute = {
      reference: { controller: owner, method: `${method} ${path}` },
      parameters: {
        count: 1,
        readsBody: false,
        beforeBody: [
          (request, args) => {
            args[0] = request;
          },
        ],
        body: null,
        uploads: null,
      },
      filters: dependencies.globalFilters,
      cors: dependencies.cors,
      serialize: dependencies.answers.forHandler(owner),
      invoke: (args) => serve(args[0] as CorbelRequest),
      status: 200,
      declaredStatus: undefined,
      headers: null,
      pipeline: dependencies.pipelines.forPluginRoute(serve),
      describe: null,
    };
    dependencies.router.add(method, path, route, `the ${pluginName} plugin`);
  };
}
