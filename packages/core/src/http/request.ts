// The request object handlers see through @Req(): the raw message plus lazily parsed query and cookies.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { parse as parseQueryString } from 'fast-querystring';

/** A parsed query: repeated keys become arrays. */
export type QueryRecord = Record<string, string | string[]>;

/**
 * The framework's view of a request. Query and cookies are parsed on first use, so routes that do not read
 * them do not pay for them.
 * @example @Get('/debug') debug(@Req() request: CorbelRequest) { return { path: request.path, q: request.query }; }
 */
export class CorbelRequest {
  readonly raw: IncomingMessage;
  /**
   * node's response to this request (undefined for a WebSocket handshake). Corbel writes the answer from what the
   * handler returns; use this to watch the connection (its `'close'` event), not to write to it.
   */
  readonly rawResponse: ServerResponse | undefined;
  readonly method: string;
  readonly url: string;
  readonly path: string;
  params: Record<string, string>;
  body: unknown = undefined;
  readonly #queryString: string;
  #query: QueryRecord | undefined;
  #cookies: Record<string, string> | undefined;

  constructor(
    raw: IncomingMessage,
    path: string,
    queryString: string,
    params: Record<string, string>,
    rawResponse?: ServerResponse,
  ) {
    this.raw = raw;
    this.rawResponse = rawResponse;
    this.method = raw.method ?? 'GET';
    this.url = raw.url ?? '/';
    this.path = path;
    this.#queryString = queryString;
    this.params = params;
  }

  get headers(): IncomingHttpHeaders {
    return this.raw.headers;
  }

  /**
   * The `Last-Event-ID` header an `EventSource` sends when it reconnects: the `id` of the last event it received.
   * @example @Sse('/feed') feed(@Req() request: CorbelRequest) { return events.after(request.lastEventId); }
   */
  get lastEventId(): string | undefined {
    const value = this.raw.headers['last-event-id'];
    return Array.isArray(value) ? value[0] : value;
  }

  get query(): QueryRecord {
    this.#query ??= parseQueryString(this.#queryString) as QueryRecord;
    return this.#query;
  }

  get cookies(): Record<string, string> {
    if (this.#cookies === undefined) {
      const header = this.raw.headers.cookie;
      this.#cookies = header ? removeUndefined(parseCookies(header)) : {};
    }
    return this.#cookies;
  }
}

function removeUndefined(record: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) if (value !== undefined) result[name] = value;
  return result;
}
