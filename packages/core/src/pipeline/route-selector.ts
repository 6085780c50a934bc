// Matches the routes a MiddlewareConsumer rule names against each route's declared method and path, at createApp.
import { CorbelError } from '../errors/corbel-error';
import type { Constructor } from '../metadata/constructor';
import type { RouteInfo, RouteSelector } from './middleware-consumer';

/** A route as the selectors see it. */
export interface SelectedRoute {
  readonly controller: Constructor;
  readonly method: string;
  /** The declared path, joined to the controller's prefix: `/cats/:id`. */
  readonly path: string;
}

/** A compiled selector: whether it names a route, and whether it names every path (so unmatched ones too). */
export interface CompiledSelector {
  readonly shown: string;
  readonly everything: boolean;
  matches(route: SelectedRoute): boolean;
  /** For a request no route matched: its path, by the same pattern (only `everything` selectors are asked). */
  matchesPath(method: string, path: string): boolean;
}

const EVERYTHING = new Set(['*', '/*', '(.*)', '/(.*)', '{*splat}', '/{*splat}', '*splat', '/*splat']);

function pathPattern(path: string, where: string): RegExp {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  let source = '';
  for (const token of trimmed.split(/(\*[A-Za-z0-9_]*|:[A-Za-z0-9_]+)/)) {
    if (token === '') continue;
    if (token.startsWith('*')) source += '.*';
    else if (token.startsWith(':')) source += '[^/]+';
    else if (/[()?+{}[\]|\\^$]/.test(token)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_MODULE',
        `${where}: the route path '${path}' uses syntax Corbel does not understand ('${token}'); write a path ` +
          "with '*' wildcards and ':name' segments",
      );
    } else source += token.replace(/[.]/g, '\\.');
  }
  return new RegExp(`^/${source}$`);
}

function methodMatches(selected: string, route: string): boolean {
  return selected === 'ALL' || route === 'ALL' || selected === route || (selected === 'GET' && route === 'HEAD');
}

function isRouteInfo(value: unknown): value is RouteInfo {
  return typeof value === 'object' && value !== null && typeof (value as RouteInfo).path === 'string';
}

/**
 * Compiles one selector of a rule; `where` names the rule in errors (`AppModule.configure(): forRoutes`).
 * @example compileSelector('cats/*', 'AppModule.configure(): forRoutes').matches({ controller, method: 'GET', path: '/cats/:id' })
 */
export function compileSelector(selector: RouteSelector, where: string): CompiledSelector {
  if (typeof selector === 'function') {
    return {
      shown: selector.name,
      everything: false,
      matches: (route) => route.controller === selector,
      matchesPath: () => false,
    };
  }
  const info: RouteInfo | undefined = isRouteInfo(selector) ? selector : undefined;
  if (typeof selector !== 'string' && !info) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_MODULE',
      `${where}: expected a path, { path, method } or a controller class, got ${typeof selector}`,
    );
  }
  const path = info ? info.path : (selector as string);
  const method = info ? String(info.method).toUpperCase() : 'ALL';
  const shown = info ? `{ path: '${path}', method: ${method} }` : `'${path}'`;
  const everything = EVERYTHING.has(path.trim());
  const pattern = everything ? /^/ : pathPattern(path, where);
  return {
    shown,
    everything,
    matches: (route) => methodMatches(method, route.method) && pattern.test(route.path),
    matchesPath: (requestMethod, requestPath) => methodMatches(method, requestMethod) && pattern.test(requestPath),
  };
}
