// The router seam: add(method, path, value) and match(method, path), backed by find-my-way's radix tree.
import FindMyWay from 'find-my-way';
import { CorbelError } from '../errors/corbel-error';

/** The methods a route may be registered for; `ALL` expands to these. */
export const ROUTABLE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export interface RouteMatch<T> {
  readonly value: T;
  readonly params: Record<string, string>;
}

/** Joins a controller prefix and a route path into one normalised path: `('/users', ':id')` → `/users/:id`. */
export function joinPaths(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** The names of the path parameters a path declares (`/a/:id/b/:slug(^\\d+)` → `id`, `slug`; `*` → `*`). */
export function pathParameterNames(path: string): string[] {
  const names = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
  return path.includes('*') ? [...names, '*'] : names;
}

/**
 * Maps method + path to a value. A trailing slash is ignored, as NestJS users expect; `HEAD` falls back to the
 * `GET` route of the same path when none is declared.
 */
export class Router<T> {
  readonly #tree = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 500 });
  readonly #owners = new Map<string, string>();
  readonly #methodsInUse = new Set<string>();
  readonly #declared: { method: string; path: string; owner: string; value: T }[] = [];

  /** Registers a route; `owner` names it in the duplicate-route error (`UsersController.findOne`). */
  add(method: string, path: string, value: T, owner: string): void {
    const methods = method === 'ALL' ? [...ROUTABLE_METHODS] : [method];
    const shape = path.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, ':');
    for (const each of methods) {
      const key = `${each} ${shape}`;
      const previous = this.#owners.get(key);
      if (previous !== undefined) {
        throw new CorbelError(
          'CORBEL_ERR_DUPLICATE_ROUTE',
          `${each} ${path} is declared twice: by ${previous} and by ${owner}; remove one or change its path`,
        );
      }
      this.#owners.set(key, owner);
      this.#methodsInUse.add(each);
    }
    this.#tree.on(methods as FindMyWay.HTTPMethod[], path, () => {}, { value });
    this.#declared.push({ method, path, owner, value });
  }

  /** The routes as declared, in registration order. */
  list(): readonly { method: string; path: string; owner: string; value: T }[] {
    return this.#declared;
  }

  match(method: string, path: string): RouteMatch<T> | null {
    const found = this.#tree.find(method as FindMyWay.HTTPMethod, path);
    if (found) return { value: (found.store as { value: T }).value, params: found.params as Record<string, string> };
    if (method === 'HEAD') return this.match('GET', path);
    return null;
  }

  /** The methods that do answer this path (for a 405's `Allow` header); empty when the path is unknown. */
  allowedMethods(path: string): string[] {
    const allowed: string[] = [];
    for (const method of this.#methodsInUse) {
      if (this.#tree.find(method as FindMyWay.HTTPMethod, path)) allowed.push(method);
    }
    if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD');
    return allowed;
  }
}
