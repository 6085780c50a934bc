// The 4xx HTTP exceptions users reach for beyond genro-asgi's five: the same shape, `(detail?, headers?)`.
import { type HeadersInit, toHeaderList } from './header-list';
import { HTTPException } from './http-exception';

/**
 * 405 Method Not Allowed.
 * @example throw new HTTPMethodNotAllowed('Archived orders are read-only', { Allow: 'GET, HEAD' });
 */
export class HTTPMethodNotAllowed extends HTTPException {
  constructor(detail: unknown = 'Method Not Allowed', headers?: HeadersInit | null) {
    super(405, detail, headers);
  }
}

/**
 * 406 Not Acceptable.
 * @example throw new HTTPNotAcceptable('Only application/json is available');
 */
export class HTTPNotAcceptable extends HTTPException {
  constructor(detail: unknown = 'Not Acceptable', headers?: HeadersInit | null) {
    super(406, detail, headers);
  }
}

/**
 * 408 Request Timeout.
 * @example throw new HTTPRequestTimeout('The upload took too long');
 */
export class HTTPRequestTimeout extends HTTPException {
  constructor(detail: unknown = 'Request Timeout', headers?: HeadersInit | null) {
    super(408, detail, headers);
  }
}

/**
 * 409 Conflict.
 * @example throw new HTTPConflict({ reason: 'stale version', expected: 3 });
 */
export class HTTPConflict extends HTTPException {
  constructor(detail: unknown = 'Conflict', headers?: HeadersInit | null) {
    super(409, detail, headers);
  }
}

/**
 * 410 Gone.
 * @example throw new HTTPGone(`Invite ${code} has expired`);
 */
export class HTTPGone extends HTTPException {
  constructor(detail: unknown = 'Gone', headers?: HeadersInit | null) {
    super(410, detail, headers);
  }
}

/**
 * 412 Precondition Failed.
 * @example throw new HTTPPreconditionFailed('If-Match does not match the current ETag');
 */
export class HTTPPreconditionFailed extends HTTPException {
  constructor(detail: unknown = 'Precondition Failed', headers?: HeadersInit | null) {
    super(412, detail, headers);
  }
}

/**
 * 413 Payload Too Large.
 * @example throw new HTTPPayloadTooLarge('Avatars are limited to 1 MB');
 */
export class HTTPPayloadTooLarge extends HTTPException {
  constructor(detail: unknown = 'Payload Too Large', headers?: HeadersInit | null) {
    super(413, detail, headers);
  }
}

/**
 * 415 Unsupported Media Type.
 * @example throw new HTTPUnsupportedMediaType('Send image/png or image/jpeg');
 */
export class HTTPUnsupportedMediaType extends HTTPException {
  constructor(detail: unknown = 'Unsupported Media Type', headers?: HeadersInit | null) {
    super(415, detail, headers);
  }
}

/**
 * 422 Unprocessable Entity.
 * @example throw new HTTPUnprocessableEntity([{ field: 'email', problem: 'already registered' }]);
 */
export class HTTPUnprocessableEntity extends HTTPException {
  constructor(detail: unknown = 'Unprocessable Entity', headers?: HeadersInit | null) {
    super(422, detail, headers);
  }
}

/**
 * 429 Too Many Requests. `retryAfter` (seconds) is sent as `Retry-After`; it and `headers` may come in either order.
 * @example
 * throw new HTTPTooManyRequests('Slow down', 30); // Retry-After: 30
 * throw new HTTPTooManyRequests(undefined, { 'X-RateLimit-Limit': '100' }, 60);
 */
export class HTTPTooManyRequests extends HTTPException {
  /** The seconds sent as `Retry-After`, when given. */
  readonly retryAfter: number | undefined;

  constructor(detail?: unknown, retryAfter?: number, headers?: HeadersInit | null);
  constructor(detail?: unknown, headers?: HeadersInit | null, retryAfter?: number);
  constructor(
    detail: unknown = 'Too Many Requests',
    second?: number | HeadersInit | null,
    third?: number | HeadersInit | null,
  ) {
    const retryAfter = typeof second === 'number' ? second : typeof third === 'number' ? third : undefined;
    const given = typeof second === 'number' ? third : second;
    const headers = toHeaderList(typeof given === 'number' ? undefined : given) ?? [];
    if (retryAfter !== undefined) headers.push(['Retry-After', String(retryAfter)]);
    super(429, detail, headers);
    this.retryAfter = retryAfter;
  }
}
