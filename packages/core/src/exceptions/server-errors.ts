// The 5xx HTTP exceptions users reach for beyond genro-asgi's 503: the same shape, `(detail?, headers?)`.
import type { HeadersInit } from './header-list';
import { HTTPException } from './http-exception';

/**
 * 500 Internal Server Error.
 * @example throw new HTTPInternalServerError('The ledger is inconsistent');
 */
export class HTTPInternalServerError extends HTTPException {
  constructor(detail: unknown = 'Internal Server Error', headers?: HeadersInit | null) {
    super(500, detail, headers);
  }
}

/**
 * 501 Not Implemented.
 * @example throw new HTTPNotImplemented('Bulk export is coming in v2');
 */
export class HTTPNotImplemented extends HTTPException {
  constructor(detail: unknown = 'Not Implemented', headers?: HeadersInit | null) {
    super(501, detail, headers);
  }
}

/**
 * 502 Bad Gateway.
 * @example throw new HTTPBadGateway('The payment provider answered garbage');
 */
export class HTTPBadGateway extends HTTPException {
  constructor(detail: unknown = 'Bad Gateway', headers?: HeadersInit | null) {
    super(502, detail, headers);
  }
}

/**
 * 504 Gateway Timeout.
 * @example throw new HTTPGatewayTimeout('The payment provider did not answer in time');
 */
export class HTTPGatewayTimeout extends HTTPException {
  constructor(detail: unknown = 'Gateway Timeout', headers?: HeadersInit | null) {
    super(504, detail, headers);
  }
}
