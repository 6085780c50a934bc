// WebSocketConnection: what a gateway holds — typed receives, sends that settle once written, an idempotent close.
import type { IncomingHttpHeaders } from 'node:http';
import {
  createJsonSerializer,
  type JsonSerializer,
  type QueryRecord,
  type WebSocketConnectionLike,
  WebSocketDisconnect,
  WebSocketException,
} from '@corbel/core';
import { parseJsonText } from './transport/parse-json';
import type { ReceivedFrame } from './transport/receive-queue';
import type { OutgoingText } from './transport/text-frame';

/** Where a connection is in its life; `closing` means a close frame was sent and the peer's is awaited. */
export type WebSocketState = 'connecting' | 'open' | 'closing' | 'closed';

/** A message as `for await` yields it: text as a string, binary as a Buffer. */
export type WebSocketMessage = string | Buffer;

/** The transport behind a connection; the plugin implements it over `ws`, so this file never sees `ws`. */
export interface ConnectionChannel {
  readonly state: WebSocketState;
  readonly closeCode: number | undefined;
  readonly closeReason: string | undefined;
  /** The next frame as `read` turns it into a value; what `read` throws rejects. */
  receive<T>(read: (frame: ReceivedFrame) => T): Promise<T>;
  send(data: string | Buffer, isBinary: boolean): Promise<void>;
  close(code: number, reason: string): Promise<void>;
}

/** What the hub needs of a channel beyond `ConnectionChannel`: sends without a promise, and the bytes queued. */
export interface PostingChannel extends ConnectionChannel {
  /** Writes a text frame encoded once for every socket of a room; false when the connection takes no sends. */
  post(text: OutgoingText): boolean;
  /** Holds writes until `uncork()`: the frames of one fan-out tick leave together. */
  cork(): void;
  uncork(): void;
  readonly bufferedBytes: number;
  /** The hub's record of this connection, kept here rather than in a map keyed by connection. */
  hubMember: object | undefined;
}

// Set by WebSocketConnection's static block: the package reads a connection's channel without a public accessor.
let readChannel: (connection: WebSocketConnection) => ConnectionChannel;

/** The channel behind `connection`, for the package's own hub; undefined for an object that is not a connection. */
export function channelOf(connection: WebSocketConnection): ConnectionChannel | undefined {
  return connection instanceof WebSocketConnection ? readChannel(connection) : undefined;
}

/** What the handshake request said, kept for the connection's lifetime. */
export interface HandshakeDetails {
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<QueryRecord>;
  readonly headers: IncomingHttpHeaders;
}

let defaultSerializer: JsonSerializer | undefined;

/** class-transformer's rules with no options, for a connection made without its gateway's serializer. */
function defaultSerialize(value: unknown): string | undefined {
  defaultSerializer ??= createJsonSerializer();
  return defaultSerializer(value);
}

function textOf(frame: ReceivedFrame): string {
  if (frame.isBinary) throw new WebSocketException(1003, 'Expected a text message, got a binary one');
  return frame.data.toString('utf8');
}

function bytesOf(frame: ReceivedFrame): Buffer {
  if (!frame.isBinary) throw new WebSocketException(1003, 'Expected a binary message, got a text one');
  return frame.data;
}

function frameOf(frame: ReceivedFrame): ReceivedFrame {
  return frame;
}

function jsonOf(frame: ReceivedFrame): unknown {
  return parseJsonText(textOf(frame));
}

/**
 * One client connection. Receives reject with `WebSocketDisconnect(code, reason)` once the client has gone;
 * sends resolve once the frame is written and reject with `WebSocketDisconnect` after the close.
 * @example
 * @OnConnection()
 * async run(socket: WebSocketConnection) {
 *   const hello = await socket.receiveJson();
 *   await socket.sendJson({ room: socket.params.room, hello });
 *   await socket.close(1000, 'done');
 * }
 */
export class WebSocketConnection implements WebSocketConnectionLike, AsyncIterable<WebSocketMessage> {
  /** The path params of the gateway's route (`/rooms/:room` → `{ room }`); read-only (an empty one is shared). */
  readonly params: Readonly<Record<string, string>>;
  /** The handshake URL's query; read-only (an empty one is shared). */
  readonly query: Readonly<QueryRecord>;
  /** The handshake request's headers. */
  readonly headers: IncomingHttpHeaders;
  /** The handshake URL's path. */
  readonly path: string;
  readonly #channel: ConnectionChannel;
  readonly #serialize: JsonSerializer;

  static {
    readChannel = (connection) => connection.#channel;
  }

  /**
   * Made by the plugin for each upgrade (applications receive connections, they do not construct them); `serialize`
   * writes `sendJson` values as the gateway's answers are written.
   */
  constructor(channel: ConnectionChannel, handshake: HandshakeDetails, serialize: JsonSerializer = defaultSerialize) {
    this.#channel = channel;
    this.#serialize = serialize;
    this.params = handshake.params;
    this.query = handshake.query;
    this.headers = handshake.headers;
    this.path = handshake.path;
  }

  get state(): WebSocketState {
    return this.#channel.state;
  }

  /** The close code once the connection is closing or closed: the client's, or the server's if it closed first. */
  get closeCode(): number | undefined {
    return this.#channel.closeCode;
  }

  /** The close reason that came with `closeCode`. */
  get closeReason(): string | undefined {
    return this.#channel.closeReason;
  }

  /**
   * The next message, which must be text; a binary one is consumed and throws `WebSocketException(1003)`.
   * @example const line = await socket.receiveText();
   */
  receiveText(): Promise<string> {
    // One promise per message, the frame read as it arrives: this sits on every receive loop's hot path.
    return this.#channel.receive(textOf);
  }

  /**
   * The next message, which must be binary; a text one is consumed and throws `WebSocketException(1003)`.
   * @example const chunk = await socket.receiveBytes();
   */
  receiveBytes(): Promise<Buffer> {
    return this.#channel.receive(bytesOf);
  }

  /**
   * The next text message parsed as JSON; invalid JSON throws `WebSocketException(1007, 'Invalid JSON')`, a
   * `__proto__` or `constructor.prototype` key `WebSocketException(1007, 'Forbidden property name in JSON')`. The
   * result is not checked against `T`: validate it before trusting it.
   * @example const message = await socket.receiveJson<{ text: string }>();
   */
  receiveJson<T = unknown>(): Promise<T> {
    return this.#channel.receive(jsonOf) as Promise<T>;
  }

  /**
   * Sends a text message; resolves once it is written.
   * @example await socket.sendText('hello');
   */
  sendText(text: string): Promise<void> {
    return this.#channel.send(String(text), false);
  }

  /**
   * Sends a binary message; resolves once it is written.
   * @example await socket.sendBytes(new Uint8Array([1, 2, 3]));
   */
  sendBytes(data: Uint8Array | ArrayBuffer): Promise<void> {
    const bytes =
      data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return this.#channel.send(bytes, true);
  }

  /**
   * Sends `value` as a JSON text message, serialized as HTTP answers are (an instance's `@Exclude()` fields are not
   * sent); a value JSON cannot represent rejects with the `TypeError`.
   * @example await socket.sendJson({ event: 'joined', data: { room: socket.params.room } });
   */
  sendJson(value: unknown): Promise<void> {
    let text: string | undefined;
    try {
      text = this.#serialize(value);
    } catch (error) {
      return Promise.reject(error);
    }
    if (text === undefined) return Promise.reject(new TypeError(`sendJson: a ${typeof value} is not JSON`));
    return this.#channel.send(text, false);
  }

  /**
   * Closes the connection (idempotent) and resolves once it is closed. The reason is cut to 123 UTF-8 bytes; a code
   * that may not be sent becomes 1011 and is logged.
   * @example await socket.close(4000, 'Invalid message format');
   */
  close(code = 1000, reason = ''): Promise<void> {
    return this.#channel.close(code, reason);
  }

  /**
   * Yields each message (text as string, binary as Buffer) and ends quietly when the client disconnects.
   * @example for await (const message of socket) await socket.sendText(String(message));
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<WebSocketMessage, void, undefined> {
    while (true) {
      let frame: ReceivedFrame;
      try {
        frame = await this.#channel.receive(frameOf);
      } catch (error) {
        if (error instanceof WebSocketDisconnect) return;
        throw error;
      }
      yield frame.isBinary ? frame.data : frame.data.toString('utf8');
    }
  }
}
