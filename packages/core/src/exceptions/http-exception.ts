// The HTTP exception family from the genro-asgi seed: carried as given, turned into a response by the filters.
import { type HeaderList, type HeadersInit, toHeaderList } from './header-list';

/**
 * Throw to answer with an HTTP error. Nothing is validated: an impossible status or a header with CR/LF
 * is caught where the response is written and becomes a logged 500.
 * @example
 * throw new HTTPException(401, 'Auth required', { 'WWW-Authenticate': 'Bearer' });
 * throw new HTTPException(400, '', [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
 */
export class HTTPException extends Error {
  readonly statusCode: number;
  readonly detail: string;
  readonly headers: HeaderList | null;

  constructor(statusCode: number, detail = '', headers?: HeadersInit | null) {
    super(detail);
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
