// A WebSocket client driven by hand over a TCP socket: any frame, any close payload, and the server's raw frames.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { openSocket } from '../../support/raw-socket';

/** Frame opcodes (RFC 6455 §5.2). */
export const TEXT = 0x1;
export const BINARY = 0x2;
export const CLOSE = 0x8;

/** One frame as the server sent it (servers never mask). */
export interface ServerFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/**
 * A masked client frame; `announcedLength` lets a test claim more bytes than it sends.
 * @example socket.write(clientFrame(TEXT, Buffer.from('hi')));
 */
export function clientFrame(opcode: number, payload: Buffer, announcedLength = payload.length): Buffer {
  const header: number[] = [0x80 | opcode];
  if (announcedLength < 126) header.push(0x80 | announcedLength);
  else if (announcedLength < 65536) header.push(0x80 | 126, announcedLength >> 8, announcedLength & 0xff);
  else {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(announcedLength));
    header.push(0x80 | 127, ...length);
  }
  const key = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let index = 0; index < payload.length; index++) masked[index] = payload[index] ^ key[index % 4];
  return Buffer.concat([Buffer.from(header), key, masked]);
}

/**
 * A close payload: the 2-byte code, then the reason bytes.
 * @example socket.write(clientFrame(CLOSE, closePayload(4001, Buffer.from('bye'))));
 */
export function closePayload(code: number, reason = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(code);
  return Buffer.concat([head, reason]);
}

/**
 * Splits the server's bytes into frames (unmasked, as servers send them); a trailing partial frame is left out.
 * @example parseServerFrames(raw.received()).find((frame) => frame.opcode === CLOSE)
 */
export function parseServerFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = bytes[offset] & 0x0f;
    let length = bytes[offset + 1] & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) break;
    frames.push({ opcode, payload: bytes.subarray(start, start + length) });
    offset = start + length;
  }
  return frames;
}

/** A raw connection after a completed handshake. */
export interface RawWebSocket {
  readonly socket: Socket;
  /** Everything the server sent after its 101 response. */
  received(): Buffer;
  /** Resolves when the TCP connection has closed. */
  readonly closed: Promise<void>;
  /** The server's close frame, once received: its code and the raw reason bytes. */
  closeFrame(): { code: number; reason: Buffer } | undefined;
}

/**
 * The upgrade request a browser would send, with headers overridable (`undefined` drops one).
 * @example upgradeRequest('/chat', { 'Sec-WebSocket-Version': '12' })
 */
export function upgradeRequest(path: string, overrides: Record<string, string | undefined> = {}): string {
  const headers: Record<string, string | undefined> = {
    Host: '127.0.0.1',
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...overrides,
  };
  const lines = Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Completes the opening handshake by hand and resolves once the 101 has arrived.
 * @example const raw = await rawWebSocket(url, '/echo'); raw.socket.write(clientFrame(TEXT, Buffer.from('hi')));
 */
export async function rawWebSocket(baseUrl: string, path: string): Promise<RawWebSocket> {
  const socket = await openSocket(baseUrl);
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let head = Buffer.alloc(0);
  let body = Buffer.alloc(0);
  let upgraded = false;
  const opened = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no 101 within 3 s')), 3000);
    socket.on('data', (chunk: Buffer) => {
      if (upgraded) {
        body = Buffer.concat([body, chunk]);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      clearTimeout(timer);
      if (!/^HTTP\/1\.1 101 /.test(head.toString('latin1'))) {
        reject(new Error(`handshake refused: ${head.subarray(0, end).toString('latin1')}`));
        return;
      }
      upgraded = true;
      body = head.subarray(end + 4);
      resolve();
    });
  });
  socket.write(upgradeRequest(path));
  try {
    await opened;
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return {
    socket,
    received: () => body,
    closed,
    closeFrame: () => {
      const frame = parseServerFrames(body).find((each) => each.opcode === CLOSE);
      if (!frame) return undefined;
      return {
        code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005,
        reason: frame.payload.subarray(2),
      };
    },
  };
}
