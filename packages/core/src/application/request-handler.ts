// Serves one request: match, bind, call, send; every error goes through the route's filter table.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { isPromise } from '../async/is-promise';
import { isObservable, lastValueOf } from '../async/observable';
import { HTTPException, HTTPNotFound } from '../exceptions/http-exception';
import { HttpErrorHost } from '../filters/arguments-host';
import { httpExceptionResponse, internalErrorResponse } from '../filters/default-filters';
import type { ErrorDispatcher, FilterOutcome } from '../filters/error-dispatcher';
import { statusOfError } from '../filters/error-status';
import type { FilterTable } from '../filters/filter-table';
import { createAnswerWriter, type WriteAnswer } from '../http/answer-writer';
import { ClientDisconnected, readBody } from '../http/body-reader';
import { whenClientLeaves } from '../http/client-gone';
import { JSON_CONTENT_TYPE } from '../http/content-types';
import type { CookieSigner } from '../http/cookie-signer';
import type { CorsPolicy } from '../http/cors';
import { CorbelRequest } from '../http/request';
import { ResponseValue } from '../http/response';
import { type HeaderRecord, headerRecordOf, toHeaderRecord, toResponseValue } from '../http/response-writer';
import type { Router } from '../http/router';
import type { Logger } from '../logging/logger';
import type { UnmatchedPipeline } from '../pipeline/pipeline-compiler';
import type { AnswerSerializers } from '../serialization/answer-serializers';
import type { CompiledRoute } from './compiled-route';
import { createCorsListener } from './cors-listener';

export interface RequestHandlerDependencies {
  readonly router: Router<CompiledRoute>;
  readonly globalFilters: FilterTable;
  readonly dispatcher: ErrorDispatcher;
  readonly logger: Logger;
  readonly bodyLimit: number;
  /** The global middleware and plugin fallbacks, run for requests no route matched; null without either. */
  readonly unmatched?: UnmatchedPipeline | null;
  /** The one write boundary (recorded headers, security headers, compression); default: recorded headers only. */
  readonly write?: WriteAnswer;
  /** The app's CORS for unmatched requests, and whether any route has CORS: they pick the CORS-aware listener. */
  readonly cors?: { readonly app: CorsPolicy | null; readonly anyRoute: boolean };
  /** Signs and checks cookies with `cookies.secret`; undefined without one. */
  readonly cookieSigner?: CookieSigner;
  /** How filters' answers (and answers no route owns) become JSON text. */
  readonly answers: AnswerSerializers;
}

// The value of the framework's JSON content-type pair, for the record the JSON fast path writes.
const [, JSON_TYPE] = JSON_CONTENT_TYPE;

function isJsonAnswer(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  // An object with subscribe() is an Observable (an rxjs instance or a literal): sent as JSON it would answer {}. One
  // property read (about 1 ns); the interop key is tested only for class instances, which are rarer.
  if (typeof (value as { subscribe?: unknown }).subscribe === 'function') return false;
  if (prototype === Object.prototype || prototype === Array.prototype || prototype === null) return true;
  // A class instance (an entity) is JSON too, unless it is an answer of another kind; plain values never get here.
  return (
    !(value instanceof ResponseValue) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Readable) &&
    !isObservable(value)
  );
}

function hasMalformedEncoding(path: string): boolean {
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** The built-in answer to `error` when `table` leaves it to the default HTTPException filter, else null. */
function defaultAnswerOf(table: FilterTable, error: HTTPException): ResponseValue | null {
  const entry = table.resolve(error);
  return entry.scope === 'default' && entry.key === HTTPException ? httpExceptionResponse(error) : null;
}

/** Builds the node request listener of an app. */
export function createRequestHandler(dependencies: RequestHandlerDependencies) {
  const { router, globalFilters, dispatcher, logger, bodyLimit, cookieSigner, answers } = dependencies;
  const unmatched = dependencies.unmatched ?? null;
  const write = dependencies.write ?? createAnswerWriter({ logger, appHeaders: null, compress: null });

  /** Checks a response value completely (throws `UnsendableResponse` before writing anything), then writes it. */
  function writeValue(
    request: CorbelRequest | null,
    response: ServerResponse,
    value: ResponseValue,
    baseHeaders?: Readonly<HeaderRecord> | null,
  ): void {
    write(request, response, value.status, headerRecordOf(value, baseHeaders), value.body);
  }

  // A logger that throws (or cannot render a hostile value) must not cost the client its answer.
  function logError(context: Record<string, unknown>, message: string): void {
    try {
      logger.error(context, message);
    } catch {
      // Nothing is left to report the logger's own failure to.
    }
  }

  function sendInternalError(request: CorbelRequest | null, response: ServerResponse): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const value = internalErrorResponse();
    write(request, response, value.status, toHeaderRecord(value.headers), value.body);
  }

  // A filter's plain answer is JSON with the error's status, written by the filter's own @Returns / @SerializeOptions.
  function filterAnswer(outcome: FilterOutcome): ResponseValue {
    const status = statusOfError(outcome.error);
    const body = answers.serializeFilterAnswer(outcome.entry.filter, outcome.value, status) ?? 'null';
    return new ResponseValue(status, [JSON_CONTENT_TYPE], body);
  }

  function answer(
    outcome: FilterOutcome,
    request: CorbelRequest,
    response: ServerResponse,
    abandonedBody: boolean,
  ): void {
    if (outcome.failed || outcome.value === undefined) {
      sendInternalError(request, response);
      return;
    }
    try {
      const value = outcome.value instanceof ResponseValue ? outcome.value : filterAnswer(outcome);
      // An unread body must not be parsed as the next request: close the connection after this answer.
      if (abandonedBody) response.setHeader('connection', 'close');
      writeValue(request, response, value);
    } catch (sendError) {
      logError(
        { err: sendError, originalError: outcome.error, filter: outcome.entry.name },
        'The error response could not be sent; answering 500',
      );
      sendInternalError(request, response);
    }
  }

  function fail(
    table: FilterTable,
    error: unknown,
    request: CorbelRequest,
    route: CompiledRoute | null,
    response: ServerResponse,
  ): void {
    try {
      dispatchFailure(table, error, request, route, response);
    } catch (unexpected) {
      // A thrown value can be hostile (a Proxy whose traps throw on `instanceof`): still exactly one 500.
      logError({ err: unexpected }, 'The error could not be handled; answering 500');
      sendInternalError(request, response);
    }
  }

  function dispatchFailure(
    table: FilterTable,
    error: unknown,
    request: CorbelRequest,
    route: CompiledRoute | null,
    response: ServerResponse,
  ): void {
    if (error instanceof ClientDisconnected) {
      logger.debug({ url: request.url }, error.message);
      return;
    }
    if (response.headersSent) {
      logError({ err: error, url: request.url }, 'Error after the response had started; closing the connection');
      response.destroy();
      return;
    }
    const host = new HttpErrorHost(request, route?.reference ?? null, response);
    const abandonedBody = error instanceof HTTPException && error.statusCode === 413;
    let outcome: FilterOutcome | Promise<FilterOutcome>;
    try {
      outcome = dispatcher.dispatch(table, error, host);
    } catch (lookupError) {
      logError({ err: lookupError, originalError: error }, 'Exception filter lookup failed');
      sendInternalError(request, response);
      return;
    }
    if (isPromise(outcome)) {
      outcome.then(
        (settled) => answer(settled, request, response, abandonedBody),
        (dispatchError: unknown) => {
          logError({ err: dispatchError, originalError: error }, 'Exception filter failed');
          sendInternalError(request, response);
        },
      );
    } else {
      answer(outcome, request, response, abandonedBody);
    }
  }

  function send(route: CompiledRoute, request: CorbelRequest, response: ServerResponse, result: unknown): void {
    try {
      if (isJsonAnswer(result)) {
        const body = route.serialize(result) as string;
        // A fresh object each time: the writer adds content-length (and recorded headers) to it.
        const headers =
          route.headers === null ? { 'content-type': JSON_TYPE } : { 'content-type': JSON_TYPE, ...route.headers };
        write(request, response, route.status, headers, body);
      } else if (result === undefined || result === null) {
        write(request, response, route.declaredStatus ?? 204, { ...route.headers }, null);
      } else if (isObservable(result)) {
        // NestJS's rule: the last value is the answer; the subscription ends if the client leaves first.
        lastValueOf(result, whenClientLeaves(response)).then(
          (last) => send(route, request, response, last),
          (error: unknown) => fail(route.filters, error, request, route, response),
        );
      } else {
        writeValue(request, response, toResponseValue(result, route.status, route.serialize), route.headers);
      }
    } catch (error) {
      fail(route.filters, error, request, route, response);
    }
  }

  async function runWithBody(
    route: CompiledRoute,
    request: CorbelRequest,
    response: ServerResponse,
    args: unknown[],
    pendingPhase: number,
    pending: Promise<void> | undefined,
  ): Promise<void> {
    const { beforeBody, body, readsBody, uploads } = route.parameters;
    try {
      if (pending) await pending;
      for (let index = pendingPhase + 1; index < beforeBody.length; index++) await beforeBody[index](request, args);
      if (uploads !== null) await uploads(request);
      else if (readsBody) request.body = await readBody(request.raw, bodyLimit);
      if (body) await body(request, args);
      const result = await route.invoke(args);
      send(route, request, response, result);
    } catch (error) {
      fail(route.filters, error, request, route, response);
    }
  }

  // Middleware, guards, interceptors and binding all run inside the pipeline; its errors use the route's filters.
  function runPipeline(route: CompiledRoute, request: CorbelRequest, response: ServerResponse): void {
    (route.pipeline as NonNullable<CompiledRoute['pipeline']>)(request, response).then(
      (result) => send(route, request, response, result),
      (error: unknown) => fail(route.filters, error, request, route, response),
    );
  }

  function serve(route: CompiledRoute, request: CorbelRequest, response: ServerResponse): void {
    if (route.pipeline !== null) {
      runPipeline(route, request, response);
      return;
    }
    const { count, beforeBody, readsBody } = route.parameters;
    const args: unknown[] = new Array(count);
    try {
      for (let index = 0; index < beforeBody.length; index++) {
        const phase = beforeBody[index](request, args);
        if (phase) {
          void runWithBody(route, request, response, args, index, phase);
          return;
        }
      }
      if (readsBody) {
        void runWithBody(route, request, response, args, beforeBody.length, undefined);
        return;
      }
      const result = route.invoke(args);
      if (isPromise(result)) {
        result.then(
          (settled) => send(route, request, response, settled),
          (error: unknown) => fail(route.filters, error, request, route, response),
        );
      } else {
        send(route, request, response, result);
      }
    } catch (error) {
      fail(route.filters, error, request, route, response);
    }
  }

  // An unknown route is answered the same way every time unless a global filter or middleware could change it:
  // the lookup is decided once here, so a 404 then costs a router miss and a write.
  const notFoundAnswer = unmatched === null ? defaultAnswerOf(globalFilters, new HTTPNotFound()) : null;

  // `existing` is the request a CORS check already made (and recorded headers on); null on the plain listener.
  function notMatched(
    raw: IncomingMessage,
    path: string,
    queryString: string,
    response: ServerResponse,
    existing: CorbelRequest | null,
  ): void {
    const allowed = router.allowedMethods(path, raw);
    let error: HTTPException;
    if (allowed.length > 0) error = new HTTPException(405, '', [['Allow', allowed.join(', ')]]);
    else if (hasMalformedEncoding(path)) error = new HTTPException(400, 'Malformed percent-encoding in the URL path');
    else if (notFoundAnswer === null) error = new HTTPNotFound();
    else {
      try {
        writeValue(existing, response, notFoundAnswer);
      } catch (sendError) {
        logError({ err: sendError }, 'The 404 response could not be sent; answering 500');
        sendInternalError(existing, response);
      }
      return;
    }
    const request = existing ?? new CorbelRequest(raw, path, queryString, {}, response, cookieSigner);
    if (unmatched === null) {
      fail(globalFilters, error, request, null, response);
      return;
    }
    // Global middleware see unmatched requests too: next() rejects with the 404/405, or they answer themselves.
    unmatched(request, error).then(
      (result) => {
        try {
          if (result === undefined || result === null) write(request, response, 204, {}, null);
          else writeValue(request, response, toResponseValue(result, 200, answers.app));
        } catch (sendError) {
          fail(globalFilters, sendError, request, null, response);
        }
      },
      (failure: unknown) => fail(globalFilters, failure, request, null, response),
    );
  }

  const cors = dependencies.cors;
  // Decided here: without CORS anywhere the listener is the plain one, with no CORS branch per request.
  if (cors !== undefined && (cors.app !== null || cors.anyRoute)) {
    return createCorsListener(cors.app, { router, globalFilters, cookieSigner, write, serve, notMatched, fail });
  }

  return function handle(raw: IncomingMessage, response: ServerResponse): void {
    const url = raw.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const queryString = queryStart === -1 ? '' : url.slice(queryStart + 1);
    const match = router.match(raw.method ?? 'GET', path, raw);
    if (match === null) {
      notMatched(raw, path, queryString, response, null);
      return;
    }
    serve(match.value, new CorbelRequest(raw, path, queryString, match.params, response, cookieSigner), response);
  };
}
