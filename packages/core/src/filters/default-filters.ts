// The built-in answers, as ordinary registry entries: HTTPException, Redirect, validation, WebSocket, and '*'.

import { STATUS_CODES } from 'node:http';
import { CorbelError } from '../errors/corbel-error';
import type { HeaderList } from '../exceptions/header-list';
import { HTTPException, HTTPNotFound, Redirect } from '../exceptions/http-exception';
import { RequestValidationError } from '../exceptions/request-validation-error';
import { ResponseValidationError } from '../exceptions/response-validation-error';
import { WebSocketClose } from '../exceptions/websocket-close';
import { WebSocketDisconnect } from '../exceptions/websocket-disconnect';
import { WebSocketException } from '../exceptions/websocket-exception';
import { JSON_CONTENT_TYPE } from '../http/content-types';
import { ResponseValue } from '../http/response';
import type { Logger } from '../logging/logger';
import type { ArgumentsHost, ExceptionFilter } from './exception-filter';
import type { FilterEntry } from './filter-table';
import { HandleAs } from './handle-as';

const INTERNAL_ERROR_BODY = '{"detail":"Internal Server Error"}';

/** The 500 answer: the same bytes whatever went wrong, so nothing of the error reaches the client. */
export function internalErrorResponse(): ResponseValue {
  return new ResponseValue(500, [JSON_CONTENT_TYPE], INTERNAL_ERROR_BODY);
}

function describeHost(host: ArgumentsHost): Record<string, unknown> {
  const route = host.route ? `${host.route.controller.name}.${host.route.method}` : null;
  if (host.type === 'ws') return { route };
  return { route, method: host.request.method, url: host.request.url };
}

/** The built-in HTTP answer to an `HTTPException`: `{"detail": …}` with its status and headers. */
export function httpExceptionResponse(error: HTTPException): ResponseValue {
  const status = error.statusCode;
  const headers: HeaderList = error.headers ?? [];
  // 204 and 304 must not carry a body (RFC 9110).
  if (status === 204 || status === 304) return new ResponseValue(status, headers, null);
  const detail = error.detail === '' ? (STATUS_CODES[status] ?? '') : error.detail;
  return new ResponseValue(status, [JSON_CONTENT_TYPE, ...headers], JSON.stringify({ detail }));
}

class HttpExceptionFilter implements ExceptionFilter<HTTPException> {
  constructor(readonly logger: Logger) {}

  catch(error: HTTPException, host: ArgumentsHost): unknown {
    if (host.type === 'ws') return internalError(this.logger, error, host);
    return httpExceptionResponse(error);
  }
}

class RedirectFilter implements ExceptionFilter<Redirect> {
  constructor(readonly logger: Logger) {}

  catch(error: Redirect, host: ArgumentsHost): unknown {
    if (host.type === 'ws') return internalError(this.logger, error, host);
    return new ResponseValue(error.statusCode, error.headers ?? [], null);
  }
}

class RequestValidationFilter implements ExceptionFilter<RequestValidationError> {
  catch(error: RequestValidationError, host: ArgumentsHost): unknown {
    if (host.type === 'ws') {
      const [first] = error.errors();
      const field = first ? [first.in, ...first.loc].join('.') : error.in;
      return new WebSocketClose(1008, `Invalid ${field}: ${first?.msg ?? 'validation failed'}`);
    }
    // kui: a path that does not validate names no resource, so it is a 404 (and a 404 filter applies).
    if (error.in === 'path') return new HandleAs(new HTTPNotFound());
    return new ResponseValue(422, [JSON_CONTENT_TYPE], JSON.stringify(error.errors()));
  }
}

class WebSocketExceptionFilter implements ExceptionFilter<WebSocketException> {
  constructor(readonly logger: Logger) {}

  catch(error: WebSocketException, host: ArgumentsHost): unknown {
    if (host.type === 'ws') return new WebSocketClose(error.code, error.reason);
    return internalError(this.logger, error, host);
  }
}

/** An answer that failed its @Returns constraints: a server bug, logged with the entries, never sent. */
class ResponseValidationFilter implements ExceptionFilter<ResponseValidationError> {
  constructor(readonly logger: Logger) {}

  catch(error: ResponseValidationError, host: ArgumentsHost): unknown {
    this.logger.error(
      { err: error, errors: error.errors(), ...describeHost(host) },
      'The answer does not match its @Returns type; answering 500',
    );
    return host.type === 'ws' ? new WebSocketClose(1011, 'Internal Error') : internalErrorResponse();
  }
}

/** The '*' default: a disconnect ends quietly; anything else is logged and answered 500 or closed 1011. */
class InternalErrorFilter implements ExceptionFilter {
  constructor(readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.type === 'ws' && error instanceof WebSocketDisconnect) return undefined;
    return internalError(this.logger, error, host);
  }
}

/** A framework misuse found on a request (a guard's non-boolean answer) logs its code and what it names. */
function misuseOf(error: unknown): Record<string, string> {
  try {
    return error instanceof CorbelError ? { ...error.details, code: error.code } : {};
  } catch {
    // A thrown Proxy may trap instanceof; it is still logged, without a code.
    return {};
  }
}

function internalError(logger: Logger, error: unknown, host: ArgumentsHost): unknown {
  logger.error({ err: error, ...misuseOf(error), ...describeHost(host) }, 'Unhandled error');
  return host.type === 'ws' ? new WebSocketClose(1011, 'Internal Error') : internalErrorResponse();
}

/** The built-in entries, made once per application with its logger. */
export function createDefaultFilters(logger: Logger): FilterEntry[] {
  const entry = (filter: ExceptionFilter, key: FilterEntry['key']): FilterEntry => ({
    filter,
    key,
    name: filter.constructor.name,
    scope: 'default',
  });
  return [
    entry(new HttpExceptionFilter(logger), HTTPException),
    entry(new RedirectFilter(logger), Redirect),
    entry(new RequestValidationFilter(), RequestValidationError),
    entry(new WebSocketExceptionFilter(logger), WebSocketException),
    entry(new ResponseValidationFilter(logger), ResponseValidationError),
    entry(new InternalErrorFilter(logger), '*'),
  ];
}
