// The request object handlers see through @Req(): the raw message, lazily parsed query and cookies, recorded headers.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { parse as parseQueryString } from 'fast-querystring';
import type { CookieSigner } from './cookie-signer';
import { checkRecordedHeader, type RecordedHeader, recordHeader } from './recorded-headers';
import { checkSetCookieOptions, type SetCookieOptions } from './set-cookie-options';

/** A parsed query: repeated keys become arrays. */
export type QueryRecord = Record<string, string | string[]>;

// Shared by every request that records nothing, so reading `responseHeaders` allocates nothing.
const NO_HEADERS: readonly RecordedHeader[] = Object.freeze([]);

/**
 * The framework's view of a request. Query and cookies are parsed on first use, so routes that do not read
 * them do not pay for them. Headers recorded with `setResponseHeader`/`setCookie` go on whatever answers it.
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
  readonly #signer: CookieSigner | undefined;
  #query: QueryRecord | undefined;
  #cookies: Record<string, string> | undefined;
  #signedCookies: Record<string, string> | undefined;
  // Created on the first recorded header: a request that records none costs no allocation.
  #responseHeaders: RecordedHeader[] | undefined;

  constructor(
    raw: IncomingMessage,
    path: string,
    queryString: string,
    params: Record<string, string>,
    rawResponse?: ServerResponse,
    signer?: CookieSigner,
  ) {
    this.raw = raw;
    this.rawResponse = rawResponse;
    this.method = raw.method ?? 'GET';
    this.url = raw.url ?? '/';
    this.path = path;
    this.#queryString = queryString;
    this.params = params;
    this.#signer = signer;
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

  /**
   * The cookies whose signature one of the app's `cookies.secret` checks, with the signature removed; a tampered
   * or unsigned cookie is not here. Empty when the app has no secret.
   * @example const sid = request.signedCookies.sid; // undefined unless the app signed it
   */
  get signedCookies(): Record<string, string> {
    if (this.#signedCookies === undefined) {
      const verified: Record<string, string> = {};
      const signer = this.#signer;
      if (signer !== undefined) {
        for (const [name, signed] of Object.entries(this.cookies)) {
          const value = signer.unsign(signed);
          if (value !== undefined) verified[name] = value;
        }
      }
      this.#signedCookies = verified;
    }
    return this.#signedCookies;
  }

  /**
   * Records a header for whatever answers this request: the handler's result, a filter's answer, a 404, a 500. A
   * header the answer sets itself wins, except `Set-Cookie` and `Vary`, which are combined. Recording a name again
   * replaces it (`Vary` adds its tokens). An invalid name, or a value with CR, LF or NUL, throws a `TypeError`.
   * @example request.setResponseHeader('X-Request-Id', id); request.setResponseHeader('Link', ['<a>', '<b>']);
   */
  setResponseHeader(name: string, value: string | readonly string[]): void {
    const values = typeof value === 'string' ? [value] : Array.isArray(value) ? [...value] : [];
    if (values.length === 0) {
      throw new TypeError(`setResponseHeader('${String(name)}'): expected a string or a non-empty array of strings`);
    }
    let lower = '';
    for (const each of values) lower = checkRecordedHeader(name, each);
    this.#responseHeaders ??= [];
    const list = this.#responseHeaders;
    // The first value replaces what was recorded under this name; the others join it.
    recordHeader(list, lower, values[0]);
    const accumulates = lower === 'set-cookie' || lower === 'vary';
    for (let index = 1; index < values.length; index++) {
      if (accumulates) recordHeader(list, lower, values[index]);
      else list.push([lower, values[index]]);
    }
  }

  /**
   * Records a `Set-Cookie` for whatever answers this request (errors included). `signed: true` signs the value
   * with the app's `cookies.secret`. Unknown options, an invalid name or attribute throw a `TypeError`.
   * @example request.setCookie('sid', session.id, { httpOnly: true, sameSite: 'lax', signed: true, maxAge: 3600 });
   */
  setCookie(name: string, value: string, options: SetCookieOptions = {}): void {
    checkSetCookieOptions(name, options);
    const { signed, ...attributes } = options;
    let cookieValue = String(value);
    if (signed === true) {
      if (this.#signer === undefined) {
        throw new TypeError(
          `request.setCookie('${name}', …, { signed: true }): the app has no cookies.secret; ` +
            'pass createApp({ cookies: { secret } })',
        );
      }
      cookieValue = this.#signer.sign(cookieValue);
    }
    this.setResponseHeader('Set-Cookie', serializeCookie(name, cookieValue, attributes));
  }

  /** The headers recorded so far, lower-cased, in order; what the writer puts under every answer. */
  get responseHeaders(): readonly RecordedHeader[] {
    return this.#responseHeaders ?? NO_HEADERS;
  }
}

function removeUndefined(record: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) if (value !== undefined) result[name] = value;
  return result;
}
