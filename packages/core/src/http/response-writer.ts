// Writes responses to node's ServerResponse; the boundary where impossible statuses and CR/LF are stopped.
import { type ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import type { HeaderList } from '../exceptions/header-list';
import type { Logger } from '../logging/logger';
import { BYTES_CONTENT_TYPE, isKnownHeader, JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE } from './content-types';
import { type ResponseBody, ResponseValue } from './response';

/** A response that cannot go on the wire as described (bad status or header); nothing was written. */
export class UnsendableResponse extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsendableResponse';
  }
}

/** Headers as node's writeHead takes them; repeated names are grouped into arrays in their order. */
export type HeaderRecord = Record<string, string | string[] | number>;

/** Integer statuses from 200 to 599: the final answers HTTP defines and clients understand. */
export function isValidStatus(status: unknown): status is number {
  // A 1xx is interim: a client given one as the answer keeps waiting for the real one, so the request hangs.
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599;
}

function describe(value: unknown): string {
  return JSON.stringify(String(value)).slice(0, 200);
}

/** Checks a header list and groups repeated names, keeping their order. Throws `UnsendableResponse`. */
export function toHeaderRecord(headers: HeaderList, into: HeaderRecord = {}): HeaderRecord {
  for (const pair of headers) {
    const [name, value] = pair;
    if (!isKnownHeader(pair)) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch {
        throw new UnsendableResponse(`Invalid response header ${describe(name)}: ${describe(value)}`);
      }
    }
    const existing = into[name];
    if (existing === undefined) into[name] = value;
    else into[name] = Array.isArray(existing) ? [...existing, value] : [String(existing), value];
  }
  return into;
}

export function isReadable(body: unknown): body is Readable {
  return body instanceof Readable;
}

/** Sends `body` with `status` and headers that are already known to be valid. */
export function writeBody(
  response: ServerResponse,
  status: number,
  headers: HeaderRecord,
  body: ResponseBody,
  logger: Logger,
): void {
  if (body === null) {
    // 204 and 304 never carry a length; anything else says "empty" rather than falling back to chunked.
    if (status !== 204 && status !== 304) headers['content-length'] = 0;
    response.writeHead(status, headers);
    response.end();
    return;
  }
  if (isReadable(body)) {
    response.writeHead(status, headers);
    pipeline(body, response, (error) => {
      if (!error) return;
      // Headers are gone; the only honest signal left is to cut the connection.
      response.destroy();
      // This callback runs outside any request's try/catch: a logger that throws here would crash the process.
      try {
        // pipeline has already destroyed the response by now, so `response.destroyed` cannot tell us whether to log.
        if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') {
          logger.debug({ err: error }, 'The connection closed before the response stream ended');
        } else {
          logger.error({ err: error }, 'Response stream failed after the headers were sent; the connection was cut');
        }
      } catch {
        // Nothing is left to report the logger's own failure to.
      }
    });
    return;
  }
  headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  response.writeHead(status, headers);
  response.end(body);
}

/**
 * The checked header record of a `ResponseValue` (on top of `baseHeaders`, e.g. a route's @Header values). Throws
 * `UnsendableResponse` for an impossible status or header, before anything is written.
 */
export function headerRecordOf(value: ResponseValue, baseHeaders?: Readonly<HeaderRecord> | null): HeaderRecord {
  if (!isValidStatus(value.status)) {
    throw new UnsendableResponse(`Invalid response status ${describe(value.status)}: expected an integer 200-599`);
  }
  return toHeaderRecord(value.headers, { ...baseHeaders });
}

/**
 * Turns a handler's return value into a response value (objects as JSON, strings as text, bytes, streams);
 * `serialize` writes the JSON (the route's serializer: @Returns shaping, class-transformer rules).
 */
export function toResponseValue(
  result: unknown,
  status: number,
  serialize: (value: unknown) => string | undefined = JSON.stringify,
): ResponseValue {
  if (result instanceof ResponseValue) return result;
  if (typeof result === 'string') return new ResponseValue(status, [TEXT_CONTENT_TYPE], result);
  if (result instanceof Uint8Array) {
    return new ResponseValue(status, [BYTES_CONTENT_TYPE], result);
  }
  if (isReadable(result)) return new ResponseValue(status, [BYTES_CONTENT_TYPE], result);
  return new ResponseValue(status, [JSON_CONTENT_TYPE], serialize(result) as string);
}
