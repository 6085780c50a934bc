// A whole, unmasked, unfragmented text frame (RFC 6455 §5.2), encoded once and written to every socket of a room.

/** One message the hub fans out: its UTF-8 payload and the frame that carries it. */
export interface OutgoingText {
  /** The payload, for a connection still in its handshake (its sends are queued and framed by ws later). */
  readonly payload: Buffer;
  /** Header and payload in one buffer: one write per socket, no framing work per socket. */
  readonly frame: Buffer;
}

const FIN_TEXT = 0x81;
const TWO_BYTE_LENGTH = 126;
const EIGHT_BYTE_LENGTH = 127;

/**
 * Encodes `text` as a server-to-client text frame (servers never mask).
 * @example encodeTextFrame('hi').frame // <Buffer 81 02 68 69>
 */
export function encodeTextFrame(text: string): OutgoingText {
  const length = Buffer.byteLength(text, 'utf8');
  const headerLength = length < TWO_BYTE_LENGTH ? 2 : length <= 0xffff ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_TEXT;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = TWO_BYTE_LENGTH;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = EIGHT_BYTE_LENGTH;
    // A JavaScript string is far below 2^53 bytes: the high word only ever holds what division leaves.
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length % 2 ** 32, 6);
  }
  frame.write(text, headerLength, 'utf8');
  return { payload: frame.subarray(headerLength), frame };
}
