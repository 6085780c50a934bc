// A hand-driven WebSocket client on a bare TCP socket, for frames a well-behaved client would never send.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Frame opcodes (RFC 6455 §5.2). */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameOptions {
  readonly fin?: boolean;
  /** Clients must mask; `false` sends a frame a server must refuse. */
  readonly mask?: boolean;
}

/** Encodes one frame. */
export function frame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, mask = true } = options;
  const length = payload.length;
  const header: number[] = [(fin ? 0x80 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) header.push(maskBit | length);
  else if (length < 65536) header.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    header.push(maskBit | 127, ...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ key[index % 4]));
  return Buffer.concat([Buffer.from(header), key, masked]);
}

/** A close frame's payload: a 2-byte code then the reason bytes. */
export function closePayload(code: number, reason: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(code & 0xffff);
  return Buffer.concat([head, reason]);
}

/** A socket after a completed handshake; `received` collects what the server sent after the 101. */
export interface RawConnection {
  readonly socket: Socket;
  readonly received: Buffer[];
  readonly ended: Promise<void>;
}

/**
 * Performs the opening handshake by hand on `127.0.0.1:port` and resolves once the 101 has arrived.
 * @example const { socket } = await rawConnect(port, '/echo'); socket.write(frame(Opcode.text, Buffer.from('hi')));
 */
export function rawConnect(port: number, path: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    let head = Buffer.alloc(0);
    let upgraded = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no 101 from the server'));
    }, 3_000);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      if (upgraded) {
        received.push(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      clearTimeout(timer);
      if (!head.subarray(0, 12).toString().includes('101')) {
        socket.destroy();
        reject(new Error(`handshake refused: ${head.subarray(0, end).toString()}`));
        return;
      }
      upgraded = true;
      if (head.length > end + 4) received.push(head.subarray(end + 4));
      resolve({ socket, received, ended });
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/** The close code in the first close frame the server sent, if any (server frames are unmasked). */
export function serverCloseCode(received: readonly Buffer[]): number | undefined {
  const data = Buffer.concat(received);
  let offset = 0;
  while (offset + 2 <= data.length) {
    const opcode = data[offset] & 0x0f;
    let length = data[offset + 1] & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === Opcode.close) return length >= 2 ? data.readUInt16BE(start) : 1005;
    offset = start + length;
  }
  return undefined;
}

/** The port of an `http://127.0.0.1:port` URL. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}
