// NestCompatibleErrorFilter: NestJS's error bodies ({statusCode, message, error}) for teams that need them on the wire.
import { STATUS_CODES } from 'node:http';
import { Catch } from '../decorators/catch';
import { HTTPException, Redirect } from '../exceptions/http-exception';
import { RequestValidationError } from '../exceptions/request-validation-error';
import { json, type ResponseValue } from '../http/response';
import type { ArgumentsHost, ExceptionFilter } from './exception-filter';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Answers HTTP errors as NestJS does instead of Corbel's `{"detail": …}`: an `HTTPException` as
 * `{"statusCode":404,"message":"Cat 7 not found","error":"Not Found"}` (an object detail is sent as the body, as
 * NestJS sends an object response), an unknown route as `{"statusCode":404,"message":"Cannot GET /nope","error":
 * "Not Found"}`, and every `RequestValidationError` (path failures included) as NestJS's ValidationPipe answers:
 * 400 with `message` the list of the entries' messages. Redirects, WebSocket errors and unexpected errors (a logged
 * 500 `{"detail":"Internal Server Error"}`) keep Corbel's answers. Register it globally, once.
 * @example createApp(AppModule, { filters: [NestCompatibleErrorFilter] })
 */
@Catch(HTTPException, RequestValidationError)
export class NestCompatibleErrorFilter implements ExceptionFilter<HTTPException | RequestValidationError> {
  catch(error: HTTPException | RequestValidationError, host: ArgumentsHost): ResponseValue | undefined {
    if (host.type === 'ws' || error instanceof Redirect) return undefined;
    if (error instanceof RequestValidationError) {
      const message = error.errors().map((entry) => entry.msg);
      return json({ statusCode: 400, message, error: 'Bad Request' }, 400);
    }
    const status = error.statusCode;
    const reason = STATUS_CODES[status] ?? 'Error';
    const headers = error.headers ?? [];
    if (isPlainObject(error.detail)) return json(error.detail, status, headers);
    const unmatched = host.route === null && status === 404;
    const message = unmatched
      ? `Cannot ${host.request.method} ${host.request.path}`
      : error.detail === ''
        ? reason
        : error.detail;
    return json({ statusCode: status, message, error: reason }, status, headers);
  }
}
