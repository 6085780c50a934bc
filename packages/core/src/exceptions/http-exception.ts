// The HTTP exception family, following genro-asgi: carried as given, turned into a response by the filters.
import { type HeaderList, type HeadersInit, toHeaderList } from './header-list';

/** Which HTTP exceptions record a stack trace; see `HTTPException.stackTraces`. */
export type HTTPExceptionStackTraces = 'server-errors' | 'all';

/**
 * The `message` of an exception whose detail may be any JSON value. Never throws: a detail that cannot be shown
 * (a BigInt, a cycle, a throwing toJSON) must not cost the exception its construction, nor later errors their stacks.
 */
function messageOf(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return '';
  }
}

/**
 * Throw to answer with an HTTP error. `detail` may be any JSON value (a string, an object, an array): it is sent
 * as `{"detail": <value>}`, and an empty string becomes the status's reason phrase. Nothing is validated: an
 * impossible status or a header with CR/LF is caught where the response is written and becomes a logged 500.
 * Only 5xx exceptions record a stack trace by default (see `stackTraces`).
 * @example
 * throw new HTTPException(401, 'Auth required', { 'WWW-Authenticate': 'Bearer' });
 * throw new HTTPException(400, '', [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
 * throw new HTTPException(409, { reason: 'version', expected: 3 }); // {"detail":{"reason":"version","expected":3}}
 */
export class HTTPException extends Error {
  /**
   * `'server-errors'` (the default): a 3xx or 4xx exception is an answer, not a bug, and its stack is never sent
   * or logged, so it is not recorded; capturing it was the largest cost of a thrown 404. `'all'` records every
   * stack, for finding out where a 4xx comes from while debugging.
   * @example HTTPException.stackTraces = 'all';
   */
  static stackTraces: HTTPExceptionStackTraces = 'server-errors';

  readonly statusCode: number;
  /** What the client is sent as `{"detail": <value>}`: a string, or any JSON value. */
  readonly detail: unknown;
  readonly headers: HeaderList | null;

  constructor(statusCode: number, detail: unknown = '', headers?: HeadersInit | null) {
    const limit = Error.stackTraceLimit;
    const isAnswer = typeof statusCode === 'number' && statusCode < 500;
    if (isAnswer && HTTPException.stackTraces === 'server-errors') Error.stackTraceLimit = 0;
    try {
      super(messageOf(detail));
    } finally {
      // Restored whatever happens here, or every later error would lose its stack.
      Error.stackTraceLimit = limit;
    }
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.detail = detail;
    this.headers = toHeaderList(headers);
  }
}

/**
 * 400 Bad Request.
 * @example throw new HTTPBadRequest('page must be positive');
 */
export class HTTPBadRequest extends HTTPException {
  constructor(detail = 'Bad request', headers?: HeadersInit | null) {
    super(400, detail, headers);
  }
}

/**
 * 401 Unauthorized.
 * @example throw new HTTPUnauthorized('Token expired', { 'WWW-Authenticate': 'Bearer' });
 */
export class HTTPUnauthorized extends HTTPException {
  constructor(detail = 'Unauthorized', headers?: HeadersInit | null) {
    super(401, detail, headers);
  }
}

/**
 * 403 Forbidden.
 * @example throw new HTTPForbidden('Admins only');
 */
export class HTTPForbidden extends HTTPException {
  constructor(detail = 'Forbidden', headers?: HeadersInit | null) {
    super(403, detail, headers);
  }
}

/**
 * 404 Not Found.
 * @example throw new HTTPNotFound(`User ${id} not found`);
 */
export class HTTPNotFound extends HTTPException {
  constructor(detail = 'Not found', headers?: HeadersInit | null) {
    super(404, detail, headers);
  }
}

/**
 * 503 Service Unavailable.
 * @example throw new HTTPServiceUnavailable('Down for maintenance', { 'Retry-After': '120' });
 */
export class HTTPServiceUnavailable extends HTTPException {
  constructor(detail = 'Service unavailable', headers?: HeadersInit | null) {
    super(503, detail, headers);
  }
}

/**
 * Throw to redirect: answered with its status, a `Location` header and an empty body.
 * @example throw new Redirect('/login');            // 302
 * @example throw new Redirect('/users/7', 301);
 */
export class Redirect extends HTTPException {
  readonly url: string;

  constructor(url: string, statusCode = 302) {
    super(statusCode, '', [['Location', url]]);
    this.url = url;
  }
}
