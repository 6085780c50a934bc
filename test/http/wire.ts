// Test clients that see what goes on the wire: node:http for parsed answers, a raw socket for the exact bytes.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** An answer as a client parsed it, with the raw header pairs so repeated headers stay visible. */
export interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

export interface WireRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

/** One request through node's http client on a fresh connection. */
export function send(port: number, options: WireRequest = {}): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            rawHeaders: incoming.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.setTimeout(5000, () => outgoing.destroy(new Error('no answer within 5 s')));
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** The header values with this name, in wire order (any case). */
export function rawHeaderValues(response: WireResponse, name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < response.rawHeaders.length; index += 2) {
    if (response.rawHeaders[index].toLowerCase() === name.toLowerCase()) values.push(response.rawHeaders[index + 1]);
  }
  return values;
}

/** What a raw socket received, and whether the server closed the connection (rather than the timeout ending it). */
export interface RawExchange {
  text: string;
  closedByServer: boolean;
}

export interface ExchangeOptions {
  /** Pause between chunks, so the server sees them as separate writes. */
  gapMs?: number;
  /** Longest wait after the last write for the server to close (default 3 s). */
  waitMs?: number;
  /** Stop early once the received text satisfies this (the client then hangs up itself)... */
  until?: (text: string) => boolean;
  /** ...after this grace period, during which a server close still counts as one (default 0). */
  graceMs?: number;
}

/**
 * Writes `chunks` to a fresh socket and collects every byte until the server closes the connection, `until`
 * is satisfied, or `waitMs` passes after the last write. Every wait is bounded.
 */
export function exchange(port: number, chunks: readonly string[], options: ExchangeOptions = {}): Promise<RawExchange> {
  const { gapMs = 0, waitMs = 3000, until, graceMs = 0 } = options;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let endedByClient = false;
    let timer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const text = () => Buffer.concat(received).toString('utf8');
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      socket.destroy();
      resolve({ text: text(), closedByServer: !endedByClient });
    };
    const endByClient = () => {
      endedByClient = true;
      finish();
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (until && graceTimer === undefined && until(text())) graceTimer = setTimeout(endByClient, graceMs);
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset is the server cutting the connection: what some tests expect.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else if (!settled) {
        settled = true;
        clearTimeout(timer);
        clearTimeout(graceTimer);
        reject(error);
      }
    });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (gapMs > 0) await new Promise((wait) => setTimeout(wait, gapMs));
      }
      if (!settled) timer = setTimeout(endByClient, waitMs);
    });
  });
}

/** How many HTTP/1.1 status lines a raw exchange holds. */
export function statusLines(text: string): string[] {
  return text.match(/HTTP\/1\.1 \d{3}[^\r\n]*/g) ?? [];
}
