// The request listener of an app with CORS: preflights answered, CORS headers recorded before a request is served.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPromise } from '../async/is-promise';
import type { HeaderList } from '../exceptions/header-list';
import { HTTPException } from '../exceptions/http-exception';
import type { FilterTable } from '../filters/filter-table';
import type { WriteAnswer } from '../http/answer-writer';
import type { CookieSigner } from '../http/cookie-signer';
import type { CorsPolicy } from '../http/cors';
import type { RecordedHeader } from '../http/recorded-headers';
import { CorbelRequest } from '../http/request';
import { toHeaderRecord } from '../http/response-writer';
import type { Router } from '../http/router';
import type { CompiledRoute } from './compiled-route';

/** The request handler's own steps, which this listener runs around its CORS checks. */
export interface RequestSteps {
  readonly router: Router<CompiledRoute>;
  readonly globalFilters: FilterTable;
  readonly cookieSigner: CookieSigner | undefined;
  readonly write: WriteAnswer;
  serve(route: CompiledRoute, request: CorbelRequest, response: ServerResponse): void;
  notMatched(
    raw: IncomingMessage,
    path: string,
    queryString: string,
    response: ServerResponse,
    request: CorbelRequest | null,
  ): void;
  fail(
    table: FilterTable,
    error: unknown,
    request: CorbelRequest,
    route: CompiledRoute | null,
    response: ServerResponse,
  ): void;
}

/**
 * Builds the listener used when the app or any route has CORS. A request's CORS headers are recorded on it before
 * anything runs, so every answer (a filter's, a 404, a 500) carries them. A preflight to a path some route serves
 * is answered 204 without guards or handlers, unless an OPTIONS route of the user's matches; a preflight to a path
 * no route serves is a 404 without CORS headers.
 */
export function createCorsListener(appPolicy: CorsPolicy | null, steps: RequestSteps) {
  const { router, globalFilters, cookieSigner, write, serve, notMatched, fail } = steps;

  /** Records the CORS headers of `policy`, then runs `proceed`; an async origin function is awaited first. */
  function admit(
    policy: CorsPolicy,
    request: CorbelRequest,
    response: ServerResponse,
    table: FilterTable,
    route: CompiledRoute | null,
    proceed: () => void,
  ): void {
    let pending: void | Promise<void>;
    try {
      pending = policy.admit(request);
    } catch (error) {
      fail(table, error, request, route, response);
      return;
    }
    if (isPromise(pending)) pending.then(proceed, (error: unknown) => fail(table, error, request, route, response));
    else proceed();
  }

  /** Answers a preflight to a path some route serves; false when it is to be served as an ordinary request. */
  function preflight(
    raw: IncomingMessage,
    path: string,
    queryString: string,
    request: CorbelRequest,
    response: ServerResponse,
  ): boolean {
    const origin = raw.headers.origin;
    const requested = raw.headers['access-control-request-method'];
    const target = typeof requested === 'string' ? router.match(requested, path, raw) : null;
    const policy = target?.value.cors ?? appPolicy;
    if (policy === null) return false;
    if (typeof origin !== 'string' || typeof requested !== 'string') {
      if (!policy.strictPreflight) return false;
      const missing = typeof origin !== 'string' ? 'Origin' : 'Access-Control-Request-Method';
      fail(
        globalFilters,
        new HTTPException(400, `Invalid preflight request: no ${missing} header`),
        request,
        null,
        response,
      );
      return true;
    }
    const finish = (headers: RecordedHeader[] | null) => {
      // An origin that may not read answers gets the ordinary answer to OPTIONS (a 405), without CORS headers.
      if (headers === null) notMatched(raw, path, queryString, response, request);
      else write(request, response, 204, toHeaderRecord(headers as HeaderList), null);
    };
    let headers: RecordedHeader[] | null | Promise<RecordedHeader[] | null>;
    try {
      headers = policy.preflight(origin, request);
      if (!isPromise(headers)) {
        finish(headers);
        return true;
      }
    } catch (error) {
      fail(globalFilters, error, request, null, response);
      return true;
    }
    headers.then(finish, (error: unknown) => fail(globalFilters, error, request, null, response));
    return true;
  }

  return function handleWithCors(raw: IncomingMessage, response: ServerResponse): void {
    const url = raw.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const queryString = queryStart === -1 ? '' : url.slice(queryStart + 1);
    const method = raw.method ?? 'GET';
    const match = router.match(method, path, raw);
    if (match !== null) {
      const route = match.value;
      const request = new CorbelRequest(raw, path, queryString, match.params, response, cookieSigner);
      if (route.cors === null) serve(route, request, response);
      else admit(route.cors, request, response, route.filters, route, () => serve(route, request, response));
      return;
    }
    const request = new CorbelRequest(raw, path, queryString, {}, response, cookieSigner);
    if (method === 'OPTIONS') {
      if (router.allowedMethods(path, raw).length === 0) {
        notMatched(raw, path, queryString, response, request);
        return;
      }
      if (preflight(raw, path, queryString, request, response)) return;
    }
    if (appPolicy === null) notMatched(raw, path, queryString, response, request);
    else
      admit(appPolicy, request, response, globalFilters, null, () =>
        notMatched(raw, path, queryString, response, request),
      );
  };
}
