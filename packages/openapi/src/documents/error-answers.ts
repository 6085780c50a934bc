// What a route's (or gateway's) filter table answers to an error, resolved exactly as the dispatcher resolves it.
import {
  type AnyClass,
  CorbelError,
  type FilterEntry,
  type FilterTable,
  HTTPException,
  HTTPNotFound,
  Redirect,
  RequestValidationError,
  type ReturnsDefinition,
  readReturns,
  statusOfError,
  WebSocketException,
} from '@corbel/core';

/** Who answers an error: a built-in entry (by its key), or a user filter and what its `catch` declares. */
export type Resolution =
  | {
      readonly kind: 'builtin';
      readonly error: unknown;
      readonly key: 'http' | 'redirect' | 'validation' | 'websocket' | 'internal';
    }
  | {
      readonly kind: 'filter';
      readonly error: unknown;
      readonly filter: string;
      /** The filter's `@Returns` on `catch`; empty when it declares none (its answer is then unknown). */
      readonly returns: readonly ReturnsDefinition[];
      /** The status a plain value from the filter is sent with: the error's own. */
      readonly status: number;
    };

function builtinKey(entry: FilterEntry): Extract<Resolution, { kind: 'builtin' }>['key'] {
  if (entry.key === HTTPException) return 'http';
  if (entry.key === Redirect) return 'redirect';
  if (entry.key === RequestValidationError) return 'validation';
  if (entry.key === WebSocketException) return 'websocket';
  return 'internal';
}

/**
 * Resolves `error` in `table` as the dispatcher does: a user filter answers with what its `catch` declares; the
 * built-in validation filter answers a path failure as an `HTTPNotFound`, looked up again in the same table (so a
 * `@Catch(404)` there applies), once.
 * @example resolveError(route.filters, new HTTPNotFound()) // { kind: 'filter', filter: 'NotFoundFilter', … }
 */
export function resolveError(table: FilterTable, error: unknown, forHttp = true): Resolution {
  const entry = table.resolve(error);
  if (entry.scope !== 'default') {
    const prototype = Object.getPrototypeOf(entry.filter) as object;
    return {
      kind: 'filter',
      error,
      filter: entry.name,
      returns: readReturns(prototype, 'catch'),
      status: statusOfError(error),
    };
  }
  const key = builtinKey(entry);
  if (forHttp && key === 'validation' && error instanceof RequestValidationError && error.in === 'path') {
    return resolveError(table, new HTTPNotFound(), forHttp);
  }
  return { kind: 'builtin', error, key };
}

function inherits(type: AnyClass<unknown>, base: AnyClass<unknown>): boolean {
  return type === base || type.prototype instanceof base;
}

/**
 * An instance of a declared error class to look up, as the handler would throw it. A class the lookup needs the
 * status of (an `HTTPException`) must be constructible without arguments; otherwise declare the status instead.
 * @example exemplarOf(HTTPNotFound, 'UsersController.findOne') // new HTTPNotFound()
 */
export function exemplarOf(error: number | AnyClass<unknown>, where: string): unknown {
  if (typeof error === 'number') return new HTTPException(error);
  if (inherits(error, RequestValidationError)) return new RequestValidationError([], 'body');
  let built: unknown;
  try {
    built = Reflect.construct(error, []);
  } catch {
    built = undefined;
  }
  if (inherits(error, HTTPException) && typeof (built as HTTPException | undefined)?.statusCode !== 'number') {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_DOC',
      `@Throws(${error.name}) on ${where}: its status is unknown, since ${error.name} cannot be built without ` +
        `arguments; declare the status instead (@Throws(409, 'why'))`,
    );
  }
  // The lookup only walks the prototype chain of anything else, which needs no constructor.
  return built ?? Object.create(error.prototype as object);
}
