// The request object handlers see through @Req(): the raw message plus lazily parsed query and cookies.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
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
  readonly method: string;
  readonly url: string;
  readonly path: string;
  params: Record<string, string>;
  body: unknown = undefined;
  readonly #queryString: string;
  #query: QueryRecord | undefined;
  #cookies: Record<string, string> | undefined;

  constructor(raw: IncomingMessage, path: string, queryString: string, params: Record<string, string>) {
    this.raw = raw;
    this.method = raw.method ?? 'GET';
    this.url = raw.url ?? '/';
    this.path = path;
    this.#queryString = queryString;
    this.params = params;
  }

  get headers(): IncomingHttpHeaders {
    return this.raw.headers;
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
