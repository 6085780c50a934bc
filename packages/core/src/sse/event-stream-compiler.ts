// Checks @Sse routes at start-up and answers their handlers' results as event streams.
import { isValueSource, openValueStream } from '../async/value-stream';
import { CorbelError } from '../errors/corbel-error';
import type { HeaderList } from '../exceptions/header-list';
import { HttpErrorHost } from '../filters/arguments-host';
import { internalErrorResponse } from '../filters/default-filters';
import type { ErrorDispatcher } from '../filters/error-dispatcher';
import type { RouteReference } from '../filters/exception-filter';
import type { FilterTable } from '../filters/filter-table';
import type { CorbelRequest } from '../http/request';
import { ResponseValue } from '../http/response';
import type { Logger } from '../logging/logger';
import type { RoutePipeline } from '../pipeline/compose-pipeline';
import { EventStream } from './event-stream';
import { EventStreams } from './event-streams';
import { type ResolvedSseSettings, resolveRouteHeartbeat, resolveSseSettings, type SseSettings } from './sse-settings';

/** What the route compiler knows about an @Sse route. */
export interface EventStreamRoute {
  readonly owner: string;
  readonly method: string;
  readonly path: string;
  readonly declaredStatus: number | undefined;
  /** The @Sse options as written. */
  readonly options: unknown;
  readonly reference: RouteReference;
  readonly filters: FilterTable;
}

interface OpenRoute {
  readonly owner: string;
  readonly reference: RouteReference;
  readonly filters: FilterTable;
  readonly heartbeatMs: number;
}

function header(name: string, value: string): HeaderList[number] {
  return Object.freeze([name, value]) as HeaderList[number];
}

// Proxies (nginx's X-Accel-Buffering) and caches must pass each event on as it is written.
const EVENT_STREAM_HEADERS: HeaderList = Object.freeze([
  header('content-type', 'text/event-stream; charset=utf-8'),
  header('cache-control', 'no-cache'),
  header('connection', 'keep-alive'),
  header('x-accel-buffering', 'no'),
]) as HeaderList;

const INTERNAL_ERROR_BODY = internalErrorResponse().body as string;
const UTF8 = new TextDecoder();

function describeResult(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  return typeof value === 'string' ? 'a string' : typeof value;
}

/** The text of a filter's answer, as the data of an `event: error`. */
function answerBody(value: unknown): string {
  if (value instanceof ResponseValue) {
    if (typeof value.body === 'string') return value.body;
    if (value.body instanceof Uint8Array) return UTF8.decode(value.body);
    return INTERNAL_ERROR_BODY;
  }
  return JSON.stringify(value) ?? INTERNAL_ERROR_BODY;
}

/** The app's event-stream support: one per app, made by createApp. */
export class EventStreamCompiler {
  readonly #settings: ResolvedSseSettings;
  readonly #dispatcher: ErrorDispatcher;
  readonly #logger: Logger;
  readonly #streams = new EventStreams();

  constructor(settings: SseSettings | undefined, dispatcher: ErrorDispatcher, logger: Logger) {
    this.#settings = resolveSseSettings(settings);
    this.#dispatcher = dispatcher;
    this.#logger = logger;
  }

  /** Checks an @Sse route and wraps its pipeline, so that what the handler (and its interceptors) return streams. */
  compile(route: EventStreamRoute, pipeline: RoutePipeline): RoutePipeline {
    const where = `@Sse on ${route.owner}`;
    if (route.method !== 'GET') {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_ROUTE_OPTION',
        `${where}: an event stream is served by GET, but the method also declares ${route.method} ${route.path}; ` +
          'give the other route its own method',
      );
    }
    if (route.declaredStatus !== undefined) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_ROUTE_OPTION',
        `@HttpCode(${route.declaredStatus}) on ${route.owner}: an event stream always answers 200 (EventSource ` +
          'refuses any other status); remove @HttpCode',
      );
    }
    const open: OpenRoute = {
      owner: route.owner,
      reference: route.reference,
      filters: route.filters,
      heartbeatMs: resolveRouteHeartbeat(route.options, this.#settings, where),
    };
    return (request) => pipeline(request).then((result) => this.#open(result, request, open));
  }

  /** Ends every open stream (`app.close()`), waiting at most `timeoutMs` for their sources to stop. */
  close(timeoutMs: number): Promise<void> {
    return this.#streams.closeAll(timeoutMs);
  }

  async #open(result: unknown, request: CorbelRequest, route: OpenRoute): Promise<ResponseValue> {
    if (!isValueSource(result)) {
      throw new TypeError(
        `@Sse handler ${route.owner} must return an async iterable, an iterable or an Observable; it returned ` +
          describeResult(result),
      );
    }
    const values = openValueStream(result);
    // A HEAD answers the headers alone; the source is closed before it ever runs.
    if (request.method === 'HEAD') {
      await values.return();
      return new ResponseValue(200, EVENT_STREAM_HEADERS, null);
    }
    const stream = new EventStream(values, {
      heartbeatMs: route.heartbeatMs,
      describeFailure: (error) => this.#describeFailure(error, request, route),
      logger: this.#logger,
    });
    this.#streams.add(stream);
    const response = request.rawResponse;
    if (response) {
      // Until the stream is piped, nothing else watches the connection: a client leaving now must stop the source.
      const onClose = () => stream.destroy();
      response.once('close', onClose);
      stream.once('close', () => response.off('close', onClose));
    }
    await stream.started;
    return new ResponseValue(200, EVENT_STREAM_HEADERS, stream);
  }

  async #describeFailure(error: unknown, request: CorbelRequest, route: OpenRoute): Promise<string> {
    try {
      this.#logger.error(
        { err: error, route: route.owner, url: request.url },
        'The event stream failed after it started; sent `event: error` and ended it',
      );
    } catch {
      // A logger that throws must not keep the client from its error event.
    }
    const host = new HttpErrorHost(request, route.reference, request.rawResponse);
    const outcome = await this.#dispatcher.dispatch(route.filters, error, host);
    if (outcome.failed || outcome.value === undefined) return INTERNAL_ERROR_BODY;
    return answerBody(outcome.value);
  }
}
