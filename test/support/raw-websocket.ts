// A WebSocket client driven by hand over a TCP socket: any frame, any close payload, and the server's raw frames.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { openSocket } from './raw-socket';
import type { ServerAddress } from './server-address';

/** Frame opcodes (RFC 6455 §5.2). */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameOptions {
  /** Default true; `false` leaves the message open for continuation frames. */
  readonly fin?: boolean;
  /** Clients must mask (the default); `false` sends a frame a server must refuse. */
  readonly mask?: boolean;
  /** The length the header claims, to announce more bytes than are sent (default: the payload's). */
  readonly announcedLength?: number;
}

/** One frame as the server sent it (servers never mask). */
export interface ServerFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/** A raw connection after a completed handshake. */
export interface RawWebSocket {
  readonly socket: Socket;
  /** Everything the server sent after its 101 response. */
  received(): Buffer;
  /** Resolves when the TCP connection has closed. */
  readonly closed: Promise<void>;
  /** The server's first close frame, once received: its code (1005 when it has none) and the raw reason bytes. */
  closeFrame(): { code: number; reason: Buffer } | undefined;
}

/**
 * Encodes one client frame.
 * @example socket.write(clientFrame(Opcode.text, Buffer.from('hi'), { fin: false }));
 */
export function clientFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, mask = true, announcedLength = payload.length } = options;
  const maskBit = mask ? 0x80 : 0;
  const header: number[] = [(fin ? 0x80 : 0) | opcode];
  if (announcedLength < 126) header.push(maskBit | announcedLength);
  else if (announcedLength < 65536) header.push(maskBit | 126, announcedLength >> 8, announcedLength & 0xff);
  else {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(announcedLength));
    header.push(maskBit | 127, ...length);
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const key = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let index = 0; index < payload.length; index++) masked[index] = payload[index] ^ key[index % 4];
  return Buffer.concat([Buffer.from(header), key, masked]);
}

/**
 * A close payload: the 2-byte code (taken modulo 2^16), then the reason bytes.
 * @example socket.write(clientFrame(Opcode.close, closePayload(4001, Buffer.from('bye'))));
 */
export function closePayload(code: number, reason: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(code & 0xffff);
  return Buffer.concat([head, reason]);
}

/**
 * Splits the server's bytes into frames (unmasked, as servers send them); a trailing partial frame is left out.
 * @example parseServerFrames(raw.received()).find((frame) => frame.opcode === Opcode.close)
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
 * Completes the opening handshake by hand and resolves once the 101 has arrived; rejects within 3 s otherwise.
 * @example const raw = await rawWebSocket(url, '/echo'); raw.socket.write(clientFrame(Opcode.text, Buffer.from('hi')));
 */
export async function rawWebSocket(address: ServerAddress, path: string): Promise<RawWebSocket> {
  const socket = await openSocket(address);
  // Tests provoke resets on purpose; `closed` is how they observe the end.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let body = Buffer.alloc(0);
  let head = Buffer.alloc(0);
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
      const frame = parseServerFrames(body).find((each) => each.opcode === Opcode.close);
      if (!frame) return undefined;
      return {
        code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005,
        reason: frame.payload.subarray(2),
      };
    },
  };
}
