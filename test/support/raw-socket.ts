// Raw HTTP over a bare TCP socket: write exact bytes, then read exactly what the server sent back.
import { connect, type Socket } from 'node:net';
import { hostAndPort, type ServerAddress } from './server-address';

/** What a raw socket received, and whether the server closed the connection (rather than the client giving up). */
export interface RawExchange {
  readonly text: string;
  readonly closedByServer: boolean;
}

export interface CollectOptions {
  /** Longest wait for the server to close (default 5 s); then the client hangs up and `closedByServer` is false. */
  readonly timeoutMs?: number;
  /** Stop early once the received text satisfies this (the client then hangs up itself)... */
  readonly until?: (text: string) => boolean;
  /** ...after this grace period, during which a server close still counts as one (default 0). */
  readonly graceMs?: number;
}

export interface ExchangeOptions extends Omit<CollectOptions, 'timeoutMs'> {
  /** Pause after each chunk, so the server sees them as separate writes. */
  readonly gapMs?: number;
  /** Longest wait after the last write for the server to close (default 3 s). */
  readonly waitMs?: number;
}

/**
 * Opens a TCP connection to the server at `address`.
 * @example const socket = await openSocket(url); socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
 */
export function openSocket(address: ServerAddress): Promise<Socket> {
  const { host, port } = hostAndPort(address);
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Collects everything the server sends on `socket` until it closes the connection, `until` is satisfied or
 * `timeoutMs` passes; the socket is then destroyed. A reset (ECONNRESET, EPIPE) counts as the server closing.
 * @example const exchange = collect(socket); socket.write(request); const { text } = await exchange;
 */
export function collect(socket: Socket, options: CollectOptions = {}): Promise<RawExchange> {
  const { timeoutMs = 5000, until, graceMs = 0 } = options;
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    let graceTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const text = () => Buffer.concat(received).toString('utf8');
    const settle = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      socket.destroy();
      return true;
    };
    const finish = (closedByServer: boolean) => {
      if (settle()) resolve({ text: text(), closedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (until && graceTimer === undefined && until(text())) graceTimer = setTimeout(() => finish(false), graceMs);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset is the server cutting the connection: what some tests expect.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish(true);
      else if (settle()) reject(error);
    });
  });
}

/**
 * Writes `chunks` to a fresh connection and collects every byte until the server closes it, `until` is
 * satisfied, or `waitMs` passes after the last write. Every wait is bounded.
 * @example const { text } = await exchange(url, ['GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
 */
export async function exchange(
  address: ServerAddress,
  chunks: readonly (string | Buffer)[],
  options: ExchangeOptions = {},
): Promise<RawExchange> {
  const { gapMs = 0, waitMs = 3000, ...rest } = options;
  const socket = await openSocket(address);
  // Writes take no time but the gaps, so this deadline falls `waitMs` after the last write.
  const answer = collect(socket, { ...rest, timeoutMs: waitMs + gapMs * chunks.length });
  // The caller awaits `answer`; this only keeps a rejection during the gaps from counting as unhandled meanwhile.
  answer.catch(() => {});
  for (const chunk of chunks) {
    if (socket.destroyed) break;
    socket.write(chunk);
    if (gapMs > 0) await new Promise((wait) => setTimeout(wait, gapMs));
  }
  return answer;
}

/**
 * The HTTP/1.1 status lines a raw exchange holds, in order.
 * @example statusLines(text) // ['HTTP/1.1 200 OK', 'HTTP/1.1 404 Not Found']
 */
export function statusLines(text: string): string[] {
  return text.match(/HTTP\/1\.1 \d{3}[^\r\n]*/g) ?? [];
}

/**
 * The status code of a raw HTTP answer's first line, or 0 when nothing parseable came.
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
