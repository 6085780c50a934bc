// Reads and parses a request body for routes that use one: size limit, content type, secure JSON.
import type { IncomingMessage } from 'node:http';
import { safeParse as parseContentType } from 'fast-content-type-parse';
import { parse as parseQueryString } from 'fast-querystring';
import secureJson from 'secure-json-parse';
import { HTTPException } from '../exceptions/http-exception';
import { markFormBody } from './form-body';

/** The client went away before its body arrived: there is nobody left to answer. */
export class ClientDisconnected extends Error {
  constructor(message = 'The client disconnected before the request body was complete') {
    super(message);
    this.name = 'ClientDisconnected';
  }
}

type BodyParser = (text: string) => unknown;

const SUPPORTED = 'application/json, application/x-www-form-urlencoded or text/plain';
// Without `stream`, decode() keeps no state between calls, so one decoder serves every request.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

function parseJson(text: string): unknown {
  // secure-json-parse silently strips a BOM; RFC 8259 forbids sending one, so say so instead.
  if (text.charCodeAt(0) === 0xfeff) {
    throw new HTTPException(400, 'Invalid JSON body: it starts with a byte order mark (U+FEFF); send UTF-8 without it');
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HTTPException(400, `Invalid JSON body: ${reason}`);
  }
}

function parserFor(contentTypeHeader: string | undefined): BodyParser {
  if (contentTypeHeader === undefined) {
    throw new HTTPException(415, `Missing content-type: expected ${SUPPORTED}`);
  }
  const { type, parameters } = parseContentType(contentTypeHeader);
  const charset = parameters.charset?.toLowerCase();
  if (charset !== undefined && !UTF8_CHARSETS.has(charset)) {
    throw new HTTPException(415, `Unsupported charset '${charset}': expected utf-8`);
  }
  if (type === 'application/json' || type.endsWith('+json')) return parseJson;
  if (type === 'application/x-www-form-urlencoded') return (text) => markFormBody({ ...parseQueryString(text) });
  if (type === 'text/plain') return (text) => text;
  throw new HTTPException(415, `Unsupported content-type '${type || contentTypeHeader}': expected ${SUPPORTED}`);
}

function tooLarge(limit: number): HTTPException {
  return new HTTPException(413, `Request body is larger than the limit of ${limit} bytes`);
}

/** True when the request announces a body (a non-zero content-length, or chunked transfer). */
export function announcesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the body within `limit` bytes and parses it by content type. Rejects with an `HTTPException` (400, 413,
 * 415) a client can act on, or `ClientDisconnected`. Past the limit it stops reading rather than buffering the rest.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (!announcesBody(request)) return Promise.resolve(undefined);
  let parse: BodyParser;
  try {
    parse = parserFor(request.headers['content-type']);
  } catch (error) {
    return Promise.reject(error);
  }
  const announced = Number(request.headers['content-length']);
  if (announced > limit) return Promise.reject(tooLarge(limit));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onGone);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        // Stop reading: the 413 goes out with `connection: close`, and the socket is ended after it.
        request.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      try {
        const text = UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        resolve(text.length === 0 ? undefined : parse(text));
      } catch (error) {
        reject(error instanceof HTTPException ? error : new HTTPException(400, 'Request body is not valid UTF-8'));
      }
    };
    const onGone = () => {
      cleanup();
      reject(new ClientDisconnected());
    };
    const onClose = () => {
      if (!request.complete) onGone();
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onGone);
    request.on('close', onClose);
  });
}
