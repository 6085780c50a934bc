// The ws-backed channel behind a WebSocketConnection: its state, receive queue, sends, close and heartbeat.
import type { Duplex } from 'node:stream';
import { type Logger, WebSocketDisconnect } from '@corbel/core';
import type { RawData, WebSocket } from 'ws';
import type { ConnectionChannel, WebSocketState } from '../connection';
import { cutCloseReason, isSendableCloseCode } from './close-frame';
import { protocolErrorCode } from './protocol-error-code';
import {
  type FlowControl,
  type FrameWaiter,
  type QueueLimits,
  type ReceivedFrame,
  ReceiveQueue,
} from './receive-queue';
import type { OutgoingText } from './text-frame';

/** RFC 6455's code for "the connection dropped without a close frame"; never sent, only reported. */
const ABNORMAL_CLOSURE = 1006;
/** ws's readyState for an open socket (WebSocket.OPEN), kept here so this file needs ws's types only. */
const WS_OPEN = 1;
const TEXT = { binary: false };
const BINARY = { binary: true };
const EMPTY = Buffer.alloc(0);
// What a send returns when the frame is already written: settled once, shared, since nothing can change it.
const WRITTEN: Promise<void> = Promise.resolve();

// The channel a ws socket belongs to, set on the socket so one shared set of listeners serves every connection.
const CHANNEL = Symbol('corbel.ws.channel');
type OwnedSocket = WebSocket & { [CHANNEL]?: SocketChannel };

/** Told once the connection is closed (the session waits this way, without a promise). */
export interface CloseListener {
  channelClosed(): void;
}

interface EarlySend {
  readonly data: string | Buffer;
  readonly isBinary: boolean;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function describeReason(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  try {
    return String(reason);
  } catch {
    return '';
  }
}

/**
 * Owns one `ws` socket. Nothing `ws` throws (RangeError for a long reason, TypeError for a bad code, errors from
 * a send after close) escapes: the rules are applied before ws sees the values, and anything left is caught.
 */
export class SocketChannel implements ConnectionChannel, FlowControl {
  // ws calls listeners with the socket as `this`: shared functions cost nothing per connection, closures would.
  static readonly #onSocketMessage = function (this: OwnedSocket, data: RawData, isBinary: boolean): void {
    const channel = this[CHANNEL];
    if (channel) channel.#onMessage(data, isBinary);
  };
  static readonly #onSocketPong = function (this: OwnedSocket): void {
    const channel = this[CHANNEL];
    if (channel) channel.#alive = true;
  };
  static readonly #onSocketError = function (this: OwnedSocket, error: Error): void {
    const channel = this[CHANNEL];
    if (channel) channel.#onProtocolError(error);
  };
  static readonly #onSocketClose = function (this: OwnedSocket, code: number, reason: Buffer): void {
    const channel = this[CHANNEL];
    if (channel) channel.#onClose(code, reason.toString('utf8'));
  };

  readonly #raw: Duplex;
  readonly #queue: ReceiveQueue;
  readonly #logger: Logger;
  // Made when someone first waits for the close: most connections are asked only once they have closed.
  #closedPromise: Promise<void> | undefined;
  #markClosed: (() => void) | undefined;
  #closeListener: CloseListener | undefined;
  hubMember: object | undefined;
  #socket: WebSocket | undefined;
  #state: WebSocketState = 'connecting';
  #closeCode: number | undefined;
  #closeReason: string | undefined;
  // Sends made before the handshake completed; made only when there are some.
  #early: EarlySend[] | undefined;
  #alive = true;
  #drained: Promise<void> | undefined;
  #releaseDrained: (() => void) | undefined;

  constructor(raw: Duplex, limits: QueueLimits, logger: Logger) {
    this.#raw = raw;
    this.#logger = logger;
    this.#queue = new ReceiveQueue(limits, this);
  }

  get state(): WebSocketState {
    return this.#state;
  }

  get closeCode(): number | undefined {
    return this.#closeCode;
  }

  get closeReason(): string | undefined {
    return this.#closeReason;
  }

  /** Resolves once the connection is closed, whoever closed it; never rejects. */
  get closed(): Promise<void> {
    return this.#closed;
  }

  /**
   * Calls `listener.channelClosed()` once the connection is closed: in a microtask when it already is, else
   * after the close has been recorded (never inside ws's own event).
   */
  onClosed(listener: CloseListener): void {
    if (this.#state === 'closed') queueMicrotask(() => listener.channelClosed());
    else this.#closeListener = listener;
  }

  get #closed(): Promise<void> {
    if (this.#closedPromise) return this.#closedPromise;
    if (this.#state === 'closed') this.#closedPromise = WRITTEN;
    else {
      this.#closedPromise = new Promise((resolve) => {
        this.#markClosed = resolve;
      });
    }
    return this.#closedPromise;
  }

  get isAttached(): boolean {
    return this.#socket !== undefined;
  }

  /** The handshake completed: frames flow from now on. Sends made before it go first. */
  attach(socket: WebSocket): void {
    if (this.#state === 'closed') {
      socket.terminate();
      return;
    }
    this.#socket = socket;
    (socket as OwnedSocket)[CHANNEL] = this;
    socket.on('message', SocketChannel.#onSocketMessage);
    socket.on('pong', SocketChannel.#onSocketPong);
    // ws reports protocol errors (bad UTF-8, oversized message) here and closes with 1007/1009 by itself.
    socket.on('error', SocketChannel.#onSocketError);
    socket.on('close', SocketChannel.#onSocketClose);
    const closeRequested = this.#state === 'closing';
    if (!closeRequested) this.#state = 'open';
    const early = this.#early ?? [];
    this.#early = undefined;
    for (const { data, isBinary } of early) {
      // Their promises resolved when they were queued; a failure here is the disconnect the close will report.
      this.#write(data, isBinary).catch(() => {});
    }
    if (closeRequested) this.#closeSocket(this.#closeCode ?? 1000, this.#closeReason ?? '');
  }

  /** The receive queue is full: stop reading from the socket (TCP pushes back on the peer). */
  pause(): void {
    this.#socket?.pause();
  }

  /** The receive queue drained below half its limits. */
  resume(): void {
    this.#socket?.resume();
  }

  /** The handshake will not complete (rejected, dropped, or the server is closing). */
  abandon(): void {
    if (this.#state === 'closed') return;
    this.#early = undefined;
    this.#finish(this.#closeCode ?? ABNORMAL_CLOSURE, this.#closeReason ?? '');
  }

  receive<T>(read: (frame: ReceivedFrame) => T): Promise<T> {
    if (this.#state === 'connecting') {
      return Promise.reject(
        new Error('receive() before the handshake completed: receive in @OnConnection or a message handler'),
      );
    }
    return this.#queue.next(read);
  }

  /** The next frame now, or later through `waiter` (see `ReceiveQueue.take`); for the @SubscribeMessage loop. */
  take(waiter: FrameWaiter): ReceivedFrame | undefined {
    return this.#queue.take(waiter);
  }

  /**
   * Sends a framework reply without waiting for it to be written. Returns `undefined` while the socket takes
   * writes; when its buffer is full, a promise that resolves once it drained (or the connection closed), so the
   * caller stops handling frames — and, with the receive queue full, reading — until the peer reads again.
   * After the close, throws (or, when ws is already closing, rejects with) the `WebSocketDisconnect`.
   */
  reply(text: string): Promise<void> | undefined {
    const socket = this.#socket;
    if (this.#state !== 'open' || !socket) throw this.#disconnect();
    // ws drops a send made while it is closing; the caller must learn of the disconnect as from a failed write.
    if (socket.readyState !== WS_OPEN) return this.#failWhenClosed();
    socket.send(text, TEXT);
    const raw = this.#raw;
    if (!raw.writableNeedDrain || raw.writableLength === 0) return undefined;
    return this.#whenDrained(raw);
  }

  /**
   * Writes a text frame the hub encoded once for every socket of a room, without a promise: false when the
   * connection no longer takes sends. Before the handshake completes its payload is queued like `send`'s.
   * The caller watches `bufferedBytes` for a slow peer.
   */
  post(text: OutgoingText): boolean {
    if (this.#state === 'connecting') {
      this.#queueEarly(text.payload, false);
      return true;
    }
    const socket = this.#socket;
    const raw = this.#raw;
    if (this.#state !== 'open' || !socket || socket.readyState !== WS_OPEN || !raw.writable) return false;
    try {
      // Straight to the TCP socket, as ws would write it: with compression off (gateway-server.ts) ws frames
      // every send and writes it inside send(), so nothing of ws's can be waiting to go out ahead of this frame.
      raw.write(text.frame);
      return true;
    } catch {
      return false;
    }
  }

  /** Holds writes in the stream until `uncork()`, so the frames of one fan-out tick leave in one system call. */
  cork(): void {
    this.#raw.cork();
  }

  uncork(): void {
    this.#raw.uncork();
  }

  /** Bytes written to the socket that the kernel has not taken yet: what a peer that stopped reading piles up. */
  get bufferedBytes(): number {
    return this.#raw.writableLength;
  }

  send(data: string | Buffer, isBinary: boolean): Promise<void> {
    if (this.#state === 'open') return this.#write(data, isBinary);
    if (this.#state === 'connecting') {
      // handleConnection runs before the handshake completes: its sends go out right after it.
      this.#queueEarly(data, isBinary);
      return Promise.resolve();
    }
    return Promise.reject(this.#disconnect());
  }

  close(code: number, reason: string): Promise<void> {
    if (this.#state !== 'open' && this.#state !== 'connecting') return this.#closed;
    let sendable = code;
    if (!isSendableCloseCode(code)) {
      this.#logger.error({ code, reason }, 'A WebSocket close code that may not be sent; closing with 1011 instead');
      sendable = 1011;
    }
    const cut = cutCloseReason(describeReason(reason));
    const wasOpen = this.#state === 'open';
    this.#state = 'closing';
    this.#closeCode = sendable;
    this.#closeReason = cut;
    // The server chose to close: nobody will read what is queued, and the peer's close frame must get through.
    this.#queue.end(new WebSocketDisconnect(sendable, cut), true);
    if (wasOpen) this.#closeSocket(sendable, cut);
    return this.#closed;
  }

  /** Cuts the connection without a close handshake (shutdown after its grace period). */
  terminate(): void {
    if (this.#socket) this.#socket.terminate();
    else {
      this.#raw.destroy();
      this.abandon();
    }
  }

  /** One heartbeat tick: a peer that did not answer the previous ping is cut, which surfaces as 1006. */
  heartbeat(): void {
    const socket = this.#socket;
    if (!socket || this.#state !== 'open') return;
    if (this.#queue.isPaused) {
      // A socket we paused cannot read the pong: the silence is ours, not the peer's.
      this.#alive = true;
      return;
    }
    if (!this.#alive) {
      this.#logger.debug({ code: ABNORMAL_CLOSURE }, 'WebSocket peer missed a heartbeat; terminating');
      socket.terminate();
      return;
    }
    this.#alive = false;
    try {
      socket.ping();
    } catch (error) {
      this.#logger.debug({ err: error }, 'WebSocket ping failed');
    }
  }

  #queueEarly(data: string | Buffer, isBinary: boolean): void {
    this.#early ??= [];
    this.#early.push({ data, isBinary });
  }

  #write(data: string | Buffer, isBinary: boolean): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(this.#disconnect());
    // ws drops a send made while it is closing: report the disconnect the close will carry.
    if (socket.readyState !== WS_OPEN) return this.#failWhenClosed();
    try {
      // No callback: ws would hand it to the stream, which then allocates a closure per write and calls it later.
      socket.send(data, isBinary ? BINARY : TEXT);
    } catch {
      return this.#failWhenClosed();
    }
    const raw = this.#raw;
    // The common case: the kernel took the whole frame inside send(), so it is written now.
    if (raw.writableLength === 0 && !raw.destroyed && raw.errored === null) return WRITTEN;
    // Part of it waits in the stream: an empty write after it calls back once everything before it is written.
    // This relies on ws writing the frame to the socket inside send(), which holds because gateway-server.ts turns
    // perMessageDeflate off (compression would queue frames inside ws, after this marker).
    return new Promise((resolve, reject) => {
      raw.write(EMPTY, (error) => {
        if (error) void this.#closed.then(() => reject(this.#disconnect()));
        else resolve();
      });
    });
  }

  /** A failed write means the socket is going: rejects with the disconnect the close will carry. */
  #failWhenClosed(): Promise<void> {
    return this.#closed.then(() => Promise.reject(this.#disconnect()));
  }

  #whenDrained(raw: Duplex): Promise<void> {
    if (this.#drained) return this.#drained;
    this.#drained = new Promise((resolve) => {
      const release = () => {
        raw.off('drain', release);
        this.#drained = undefined;
        this.#releaseDrained = undefined;
        resolve();
      };
      this.#releaseDrained = release;
      raw.on('drain', release);
    });
    return this.#drained;
  }

  #closeSocket(code: number, reason: string): void {
    const socket = this.#socket;
    if (!socket) return;
    try {
      socket.close(code, reason);
    } catch (error) {
      this.#logger.error({ err: error, code }, 'ws refused the close frame; terminating the connection');
      socket.terminate();
    }
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#state !== 'open') return;
    this.#queue.push({ data: toBuffer(data), isBinary });
  }

  #onProtocolError(error: Error): void {
    this.#logger.debug({ err: error }, 'WebSocket protocol error');
    if (this.#state !== 'open') return;
    // ws has sent this code in its close frame; remember it, or the disconnect would say 1006.
    this.#state = 'closing';
    this.#closeCode = protocolErrorCode(error);
    this.#closeReason = '';
  }

  #onClose(code: number, reason: string): void {
    this.#finish(this.#closeCode ?? code, this.#closeReason ?? reason);
  }

  #finish(code: number, reason: string): void {
    this.#state = 'closed';
    this.#closeCode = code;
    this.#closeReason = reason;
    this.#queue.end(new WebSocketDisconnect(code, reason), false);
    // A closed socket never drains: whoever waits for it must go on (and find the connection closed).
    this.#releaseDrained?.();
    this.#markClosed?.();
    const listener = this.#closeListener;
    this.#closeListener = undefined;
    if (listener) queueMicrotask(() => listener.channelClosed());
  }

  #disconnect(): WebSocketDisconnect {
    return new WebSocketDisconnect(this.#closeCode ?? ABNORMAL_CLOSURE, this.#closeReason ?? '');
  }
}
