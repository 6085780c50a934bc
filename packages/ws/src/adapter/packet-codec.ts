// One line-based wire format for hub packets, shared by the adapters that carry them as text (Redis, cluster IPC).
import type { AdapterPacket } from './web-socket-adapter';

/** A packet as it travels: who published it, so that process can ignore its own copy. */
export interface WirePacket extends AdapterPacket {
  readonly origin: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * `origin \n JSON rooms \n text`: the text is carried as is, without a second JSON escaping of the payload.
 * @example encodePacket('a1b2', { rooms: ['/chat#lobby'], text: '{"event":"hi"}' })
 */
export function encodePacket(origin: string, packet: AdapterPacket): string {
  return `${origin}\n${JSON.stringify(packet.rooms)}\n${packet.text}`;
}

/**
 * The packet `encodePacket` wrote, or undefined for anything else (a foreign publisher on the same channel).
 * @example decodePacket(encodePacket('a1b2', packet))?.origin // 'a1b2'
 */
export function decodePacket(wire: string): WirePacket | undefined {
  const originEnd = wire.indexOf('\n');
  if (originEnd <= 0) return undefined;
  const roomsEnd = wire.indexOf('\n', originEnd + 1);
  if (roomsEnd === -1) return undefined;
  let rooms: unknown;
  try {
    rooms = JSON.parse(wire.slice(originEnd + 1, roomsEnd));
  } catch {
    return undefined;
  }
  if (!isStringArray(rooms) || rooms.length === 0) return undefined;
  return { origin: wire.slice(0, originEnd), rooms, text: wire.slice(roomsEnd + 1) };
}
