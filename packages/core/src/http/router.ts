// The router seam: add(method, path, value) and match(method, path), backed by find-my-way's radix tree.
import type { IncomingHttpHeaders } from 'node:http';

/** What header versioning reads of a request: its headers (node's IncomingMessage is one). */
export interface VersionedRequest {
  readonly headers: IncomingHttpHeaders;
}

import FindMyWay from 'find-my-way';
import { CorbelError } from '../errors/corbel-error';

/** The methods a route may be registered for; `ALL` expands to these. */
export const ROUTABLE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Header versioning: the request header that names the version, and the version of a request without it. */
export interface HeaderVersioning {
  /** Lower-case header name, e.g. `x-api-version`. */
  readonly header: string;
  readonly defaultVersion: string | undefined;
}

/** A route as declared: what `app.routes()` lists. */
export interface DeclaredRoute<T = unknown> {
  readonly method: string;
  readonly path: string;
  readonly owner: string;
  /** What was registered for it (a compiled route). */
  readonly value: T;
  /** The API version a header-versioned route answers; absent otherwise. */
  readonly version?: string;
}

// find-my-way's custom-constraint seam: one store per version, and a request with a version only matches routes
// of that version (mustMatchWhenDerived), so an unknown version is a 404 rather than an unversioned route.
const VERSION_CONSTRAINT = {
  name: 'apiVersion',
  mustMatchWhenDerived: true,
  storage() {
    const stores = new Map<string, unknown>();
    return {
      get: (version: string) => (stores.get(version) ?? null) as never,
      set: (version: string, store: unknown) => {
        stores.set(version, store);
      },
    };
  },
  deriveConstraint: () => '',
};

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
  readonly #tree: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
  readonly #owners = new Map<string, string>();
  readonly #methodsInUse = new Set<string>();
  readonly #declared: DeclaredRoute<T>[] = [];

  /** With `versioning`, routes carry a version and `match` picks them by the request's version header. */
  constructor(versioning?: HeaderVersioning) {
    this.#tree = FindMyWay({
      ignoreTrailingSlash: true,
      caseSensitive: true,
      maxParamLength: 500,
      ...(versioning === undefined ? {} : { constraints: { apiVersion: VERSION_CONSTRAINT } }),
    });
    // Decided here, once: an unversioned app's match is the plain lookup, with no version branch per request.
    if (versioning !== undefined) {
      const { header, defaultVersion } = versioning;
      this.match = (method, path, request) => {
        const named = request?.headers[header];
        const version = typeof named === 'string' && named !== '' ? named : defaultVersion;
        return this.#find(method, path, version === undefined ? undefined : { apiVersion: version });
      };
      this.allowedMethods = (path, request) => {
        const named = request?.headers[header];
        const version = typeof named === 'string' && named !== '' ? named : defaultVersion;
        return this.#allowed(path, version === undefined ? undefined : { apiVersion: version });
      };
    }
  }

  /**
   * Registers a route; `owner` names it in the duplicate-route error (`UsersController.findOne`). `version` only
   * with header versioning.
   */
  add(method: string, path: string, value: T, owner: string, version?: string): void {
    const methods = method === 'ALL' ? [...ROUTABLE_METHODS] : [method];
    const shape = path.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, ':');
    const versionLabel = version === undefined ? '' : ` (version ${version})`;
    for (const each of methods) {
      const key = `${each} ${shape}${versionLabel}`;
      const previous = this.#owners.get(key);
      if (previous !== undefined) {
        throw new CorbelError(
          'CORBEL_ERR_DUPLICATE_ROUTE',
          `${each} ${path}${versionLabel} is declared twice: by ${previous} and by ${owner}; remove one or change its path`,
        );
      }
      this.#owners.set(key, owner);
      this.#methodsInUse.add(each);
    }
    const options = version === undefined ? {} : { constraints: { apiVersion: version } };
    this.#tree.on(methods as FindMyWay.HTTPMethod[], path, options, () => {}, { value });
    this.#declared.push(
      version === undefined ? { method, path, owner, value } : { method, path, owner, value, version },
    );
  }

  /** The routes as declared, in registration order. */
  list(): readonly DeclaredRoute<T>[] {
    return this.#declared;
  }

  /**
   * The route for a request; `request` is read only with header versioning. It is the request, not its headers:
   * node builds `IncomingMessage.headers` on first access, and an unversioned app must not pay for that here.
   */
  match(method: string, path: string, _request?: VersionedRequest): RouteMatch<T> | null {
    const found = this.#tree.find(method as FindMyWay.HTTPMethod, path);
    if (found) return { value: (found.store as { value: T }).value, params: found.params as Record<string, string> };
    if (method === 'HEAD') return this.match('GET', path);
    return null;
  }

  /** The methods that do answer this path (for a 405's `Allow` header); empty when the path is unknown. */
  allowedMethods(path: string, _request?: VersionedRequest): string[] {
    return this.#allowed(path, undefined);
  }

  #find(method: string, path: string, constraints: { apiVersion: string } | undefined): RouteMatch<T> | null {
    const found = this.#tree.find(method as FindMyWay.HTTPMethod, path, constraints);
    if (found) return { value: (found.store as { value: T }).value, params: found.params as Record<string, string> };
    if (method === 'HEAD') return this.#find('GET', path, constraints);
    return null;
  }

  #allowed(path: string, constraints: { apiVersion: string } | undefined): string[] {
    const allowed: string[] = [];
    for (const method of this.#methodsInUse) {
      if (this.#tree.find(method as FindMyWay.HTTPMethod, path, constraints)) allowed.push(method);
    }
    if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD');
    return allowed;
  }
}
