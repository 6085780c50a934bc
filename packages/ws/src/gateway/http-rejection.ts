// Answers an upgrade request with a plain HTTP response on the raw socket (404, 503, or handleConnection's refusal).
import { STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:http';
import type { Duplex } from 'node:stream';
import { type HeaderList, type HTTPException, type Logger, Redirect } from '@corbel/core';

/** An upgrade is cut this long after its refusal was written, even if the client never reads it. */
const REJECTION_GRACE_MS = 5_000;
const JSON_TYPE = 'application/json; charset=utf-8';
// These describe the refusal's own framing; a user's copy would contradict it.
const FRAMING_HEADERS = new Set(['connection', 'content-length', 'transfer-encoding', 'upgrade']);

function isRefusalStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 300 && status <= 599;
}

function checkedHeaders(headers: HeaderList): HeaderList {
  const kept: HeaderList = [];
  for (const [name, value] of headers) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    if (!FRAMING_HEADERS.has(name.toLowerCase())) kept.push([name, value]);
  }
  return kept;
}

/**
 * Writes `status` with a JSON `{"detail"}` body (or none) and closes the socket; no WebSocket is created.
 * @example rejectUpgrade(socket, 404, [], 'Not found');
 */
export function rejectUpgrade(socket: Duplex, status: number, headers: HeaderList, detail: string | null): void {
  writeRejection(socket, status, headers, detail === null ? null : JSON.stringify({ detail }));
}

/** Writes the refusal with `body` (a JSON text, or null for none) and closes the socket. */
function writeRejection(socket: Duplex, status: number, headers: HeaderList, body: string | null): void {
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`, 'Connection: close'];
  const hasType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  if (body !== null && !hasType) lines.push(`Content-Type: ${JSON_TYPE}`);
  lines.push(`Content-Length: ${body === null ? 0 : Buffer.byteLength(body)}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  const timer = setTimeout(() => socket.destroy(), REJECTION_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
}

/**
 * Refuses an upgrade with an `HTTPException` thrown by `handleConnection`, formatted as HTTP's default answer. An
 * impossible status or a header with CR/LF is logged and answered 500, as over HTTP.
 * @example rejectWithException(socket, new HTTPUnauthorized(), logger); // 401 {"detail":"Unauthorized"}
 */
export function rejectWithException(socket: Duplex, error: HTTPException, logger: Logger): void {
  const status = error.statusCode;
  let headers: HeaderList;
  let body: string | null = null;
  try {
    if (!isRefusalStatus(status)) throw new RangeError(`expected a status from 300 to 599, got ${String(status)}`);
    headers = checkedHeaders(error.headers ?? []);
    if (!(error instanceof Redirect)) {
      // Any JSON value, as over HTTP; one that cannot be serialised (a BigInt, a cycle) is a 500 like a bad header.
      body = JSON.stringify({ detail: error.detail === '' ? (STATUS_CODES[status] ?? '') : error.detail });
    }
  } catch (invalid) {
    logger.error(
      { err: invalid, originalError: error },
      'handleConnection refused the upgrade with an unsendable answer',
    );
    rejectUpgrade(socket, 500, [], 'Internal Server Error');
    return;
  }
  writeRejection(socket, status, headers, body);
}
