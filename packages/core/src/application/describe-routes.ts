// Reads the router's compiled routes into the descriptions `app.describe()` returns.
import type { Router } from '../http/router';
import type { CompiledRoute } from './compiled-route';
import type { RouteDescription } from './route-description';

/** The controllers' routes as the router holds them; a route without `describe` (a plugin's) is left out. */
export function describeRoutes(router: Router<CompiledRoute>): RouteDescription[] {
  return router
    .list()
    .flatMap(({ method, path, value }) =>
      value.describe === null ? [] : [Object.freeze({ method, path, ...value.describe() })],
    );
}
