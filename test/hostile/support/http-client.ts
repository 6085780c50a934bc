// Minimal HTTP clients for hostile tests: one request per fresh connection, and raw bytes over a net socket.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

/** What a test asserts about an answer. */
export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Header names and values as they came on the wire, in order: `[name, value, name, value, …]`. */
  readonly rawHeaders: string[];
  readonly body: string;
}

export interface SendOptions {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
  /** Give up (and fail) after this many milliseconds; default 5000. */
  readonly timeoutMs?: number;
}

/**
 * Sends one request on its own connection (no agent, so no socket outlives the test) and reads the whole answer.
 * @example const { status, body } = await send(url, { method: 'POST', path: '/items', body: '{}' });
 */
export function send(baseUrl: string, options: SendOptions): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      method: options.method ?? 'GET',
      path: options.path,
      headers: options.headers,
      agent: false,
      timeout: options.timeoutMs ?? 5000,
    });
    request.on('timeout', () => request.destroy(new Error(`No answer within the timeout for ${options.path}`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          rawHeaders: response.rawHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(options.body);
  });
}

/** The bytes a server sent on a raw connection, and whether it closed the connection itself. */
export interface RawExchange {
  readonly text: string;
  readonly closedByServer: boolean;
}

/**
 * Opens a TCP connection to the server behind `baseUrl`.
 * @example const socket = await openSocket(url); socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
 */
export function openSocket(baseUrl: string): Promise<Socket> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Collects everything the server sends on `socket` until it closes the connection or `timeoutMs` passes (then
 * the socket is destroyed and `closedByServer` is false). Write errors (EPIPE, ECONNRESET) are expected here.
 * @example const exchange = collect(socket); socket.write(request); const { text } = await exchange;
 */
export function collect(socket: Socket, timeoutMs = 5000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => finish(true));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

/**
 * Writes `bytes` on a fresh connection and returns everything the server answers until it closes.
 * @example const { text } = await rawExchange(url, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
 */
export async function rawExchange(baseUrl: string, bytes: string | Buffer, timeoutMs = 5000): Promise<RawExchange> {
  const socket = await openSocket(baseUrl);
  const exchange = collect(socket, timeoutMs);
  socket.write(bytes);
  return exchange;
}

/**
 * The status line's code of a raw HTTP answer, or 0 when nothing parseable came.
 * @example rawStatus('HTTP/1.1 413 Payload Too Large\r\n...') // 413
 */
export function rawStatus(text: string): number {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * The body of a raw HTTP answer (after the blank line); chunked framing is not decoded.
 * @example JSON.parse(rawBody(text)) // { detail: '...' }
 */
export function rawBody(text: string): string {
  const start = text.indexOf('\r\n\r\n');
  return start === -1 ? '' : text.slice(start + 4);
}
