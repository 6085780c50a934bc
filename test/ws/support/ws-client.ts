// A real `ws` client for the WebSocket suites: buffers what arrives so no message or close is missed.
import { type ClientOptions, WebSocket } from 'ws';

/** How the connection ended, as the client saw it. */
export interface ClientClose {
  readonly code: number;
  readonly reason: string;
}

/** A message as the client received it. */
export interface ClientMessage {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

const WAIT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The URL of a WebSocket path on an app listening at `httpUrl`. */
export function wsUrl(httpUrl: string, path: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}${path}`;
}

/**
 * A connected client. Messages and the close are recorded from the first moment, so a test can await them
 * in any order.
 * @example const client = await TestClient.connect(wsUrl(url, '/echo')); await client.sendJson({ a: 1 });
 */
export class TestClient {
  readonly socket: WebSocket;
  readonly #messages: ClientMessage[] = [];
  readonly #waiters: ((message: ClientMessage) => void)[] = [];
  readonly closed: Promise<ClientClose>;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      const message = { data: Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary };
      const waiter = this.#waiters.shift();
      if (waiter) waiter(message);
      else this.#messages.push(message);
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
  }

  /** Opens a connection; rejects with the HTTP status when the upgrade is refused. */
  static connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    const client = new TestClient(socket);
    const opened = new Promise<TestClient>((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused with ${response.statusCode}`));
        socket.terminate();
      });
      socket.once('error', reject);
    });
    return withTimeout(opened, `the handshake with ${url}`);
  }

  /** The next message (already received or still to come). */
  nextMessage(ms = WAIT_MS): Promise<ClientMessage> {
    const queued = this.#messages.shift();
    if (queued) return Promise.resolve(queued);
    return withTimeout(new Promise((resolve) => this.#waiters.push(resolve)), 'a message', ms);
  }

  async nextText(): Promise<string> {
    const message = await this.nextMessage();
    if (message.isBinary) throw new Error('expected a text message, got a binary one');
    return message.data.toString('utf8');
  }

  async nextJson(): Promise<unknown> {
    return JSON.parse(await this.nextText());
  }

  /** The messages received and not yet taken. */
  pending(): ClientMessage[] {
    return [...this.#messages];
  }

  send(data: string | Buffer, options: { binary?: boolean } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(data, { binary: options.binary ?? typeof data !== 'string' }, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }

  sendJson(value: unknown): Promise<void> {
    return this.send(JSON.stringify(value));
  }

  /** Sends `{ event, data }`, the envelope of message-handler gateways. */
  emit(event: string, data?: unknown): Promise<void> {
    return this.sendJson({ event, data });
  }

  /** Waits for the connection to end. */
  waitClosed(ms = WAIT_MS): Promise<ClientClose> {
    return withTimeout(this.closed, 'the close', ms);
  }

  /** Closes from the client side and waits for the end. */
  async close(code?: number, reason?: string): Promise<ClientClose> {
    this.socket.close(code, reason);
    return this.waitClosed();
  }
}

/** Waits for `check` to hold, polling; fails after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise and its resolver, to let a test hold a gateway method until it chooses. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
