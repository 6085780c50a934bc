// Serves one request: match, bind, call, send; every error goes through the route's filter table.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { isPromise } from '../async/is-promise';
import { HTTPException, HTTPNotFound } from '../exceptions/http-exception';
import { httpExceptionResponse, internalErrorResponse } from '../filters/default-filters';
import type { ErrorDispatcher, FilterOutcome } from '../filters/error-dispatcher';
import { statusOfError } from '../filters/error-status';
import type { HttpArgumentsHost } from '../filters/exception-filter';
import type { FilterTable } from '../filters/filter-table';
import { ClientDisconnected, readBody } from '../http/body-reader';
import { JSON_CONTENT_TYPE } from '../http/content-types';
import { CorbelRequest } from '../http/request';
import { ResponseValue } from '../http/response';
import { toHeaderRecord, toResponseValue, writeBody, writeResponseValue } from '../http/response-writer';
import type { Router } from '../http/router';
import type { Logger } from '../logging/logger';
import type { UnmatchedPipeline } from '../pipeline/pipeline-compiler';
import type { AnswerSerializers } from '../serialization/answer-serializers';
import type { CompiledRoute } from './compiled-route';

export interface RequestHandlerDependencies {
  readonly router: Router<CompiledRoute>;
  readonly globalFilters: FilterTable;
  readonly dispatcher: ErrorDispatcher;
  readonly logger: Logger;
  readonly bodyLimit: number;
  /** The global middleware, run for requests no route matched; null without global middleware. */
  readonly unmatched?: UnmatchedPipeline | null;
  /** How filters' answers (and answers no route owns) become JSON text. */
  readonly answers: AnswerSerializers;
}

// The value of the framework's JSON content-type pair, for the record the JSON fast path writes.
const [, JSON_TYPE] = JSON_CONTENT_TYPE;

function isJsonAnswer(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === Array.prototype || prototype === null) return true;
  // A class instance (an entity) is JSON too, unless it is an answer of another kind; plain values never get here.
  return !(value instanceof ResponseValue) && !(value instanceof Uint8Array) && !(value instanceof Readable);
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
  const { router, globalFilters, dispatcher, logger, bodyLimit, answers } = dependencies;
  const unmatched = dependencies.unmatched ?? null;

  // A logger that throws (or cannot render a hostile value) must not cost the client its answer.
  function logError(context: Record<string, unknown>, message: string): void {
    try {
      logger.error(context, message);
    } catch {
      // Nothing is left to report the logger's own failure to.
    }
  }

  function sendInternalError(response: ServerResponse): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const value = internalErrorResponse();
    writeBody(response, value.status, toHeaderRecord(value.headers), value.body, logger);
  }

  // A filter's plain answer is JSON with the error's status, written by the filter's own @Returns / @SerializeOptions.
  function filterAnswer(outcome: FilterOutcome): ResponseValue {
    const status = statusOfError(outcome.error);
    const body = answers.serializeFilterAnswer(outcome.entry.filter, outcome.value, status) ?? 'null';
    return new ResponseValue(status, [JSON_CONTENT_TYPE], body);
  }

  function answer(outcome: FilterOutcome, response: ServerResponse, abandonedBody: boolean): void {
    if (outcome.failed || outcome.value === undefined) {
      sendInternalError(response);
      return;
    }
    try {
      const value = outcome.value instanceof ResponseValue ? outcome.value : filterAnswer(outcome);
      // An unread body must not be parsed as the next request: close the connection after this answer.
      if (abandonedBody) response.setHeader('connection', 'close');
      writeResponseValue(response, value, logger);
    } catch (sendError) {
      logError(
        { err: sendError, originalError: outcome.error, filter: outcome.entry.name },
        'The error response could not be sent; answering 500',
      );
      sendInternalError(response);
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
      sendInternalError(response);
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
    const host: HttpArgumentsHost = { type: 'http', request, route: route?.reference ?? null };
    const abandonedBody = error instanceof HTTPException && error.statusCode === 413;
    let outcome: FilterOutcome | Promise<FilterOutcome>;
    try {
      outcome = dispatcher.dispatch(table, error, host);
    } catch (lookupError) {
      logError({ err: lookupError, originalError: error }, 'Exception filter lookup failed');
      sendInternalError(response);
      return;
    }
    if (isPromise(outcome)) {
      outcome.then(
        (settled) => answer(settled, response, abandonedBody),
        (dispatchError: unknown) => {
          logError({ err: dispatchError, originalError: error }, 'Exception filter failed');
          sendInternalError(response);
        },
      );
    } else {
      answer(outcome, response, abandonedBody);
    }
  }

  function send(route: CompiledRoute, request: CorbelRequest, response: ServerResponse, result: unknown): void {
    try {
      if (isJsonAnswer(result)) {
        const body = route.serialize(result) as string;
        // A fresh object each time: writeBody adds content-length to it.
        const headers =
          route.headers === null ? { 'content-type': JSON_TYPE } : { 'content-type': JSON_TYPE, ...route.headers };
        writeBody(response, route.status, headers, body, logger);
      } else if (result === undefined || result === null) {
        writeBody(response, route.declaredStatus ?? 204, { ...route.headers }, null, logger);
      } else {
        writeResponseValue(response, toResponseValue(result, route.status, route.serialize), logger, route.headers);
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
    const { beforeBody, body, readsBody } = route.parameters;
    try {
      if (pending) await pending;
      for (let index = pendingPhase + 1; index < beforeBody.length; index++) await beforeBody[index](request, args);
      if (readsBody) request.body = await readBody(request.raw, bodyLimit);
      if (body) await body(request, args);
      const result = await route.invoke(args);
      send(route, request, response, result);
    } catch (error) {
      fail(route.filters, error, request, route, response);
    }
  }

  // Middleware, guards, interceptors and binding all run inside the pipeline; its errors use the route's filters.
  function runPipeline(route: CompiledRoute, request: CorbelRequest, response: ServerResponse): void {
    (route.pipeline as NonNullable<CompiledRoute['pipeline']>)(request).then(
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

  function notMatched(raw: IncomingMessage, path: string, queryString: string, response: ServerResponse): void {
    const allowed = router.allowedMethods(path);
    let error: HTTPException;
    if (allowed.length > 0) error = new HTTPException(405, '', [['Allow', allowed.join(', ')]]);
    else if (hasMalformedEncoding(path)) error = new HTTPException(400, 'Malformed percent-encoding in the URL path');
    else if (notFoundAnswer === null) error = new HTTPNotFound();
    else {
      try {
        writeResponseValue(response, notFoundAnswer, logger);
      } catch (sendError) {
        logError({ err: sendError }, 'The 404 response could not be sent; answering 500');
        sendInternalError(response);
      }
      return;
    }
    const request = new CorbelRequest(raw, path, queryString, {});
    if (unmatched === null) {
      fail(globalFilters, error, request, null, response);
      return;
    }
    // Global middleware see unmatched requests too: next() rejects with the 404/405, or they answer themselves.
    unmatched(request, error).then(
      (result) => {
        try {
          if (result === undefined || result === null) writeBody(response, 204, {}, null, logger);
          else writeResponseValue(response, toResponseValue(result, 200, answers.app), logger);
        } catch (sendError) {
          fail(globalFilters, sendError, request, null, response);
        }
      },
      (failure: unknown) => fail(globalFilters, failure, request, null, response),
    );
  }

  return function handle(raw: IncomingMessage, response: ServerResponse): void {
    const url = raw.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const queryString = queryStart === -1 ? '' : url.slice(queryStart + 1);
    const match = router.match(raw.method ?? 'GET', path);
    if (match === null) {
      notMatched(raw, path, queryString, response);
      return;
    }
    serve(match.value, new CorbelRequest(raw, path, queryString, match.params), response);
  };
}
