// Who is in which room, and sending to all of them at once.
import type { WebSocketConnection } from '@corbel/ws';

/** The members of each room, by connection. */
export class Rooms {
  readonly #members = new Map<string, Set<WebSocketConnection>>();

  join(room: string, socket: WebSocketConnection): void {
    let members = this.#members.get(room);
    if (!members) {
      members = new Set();
      this.#members.set(room, members);
    }
    members.add(socket);
  }

  leave(room: string, socket: WebSocketConnection): void {
    const members = this.#members.get(room);
    members?.delete(socket);
    if (members?.size === 0) this.#members.delete(room);
  }

  names(room: string): string[] {
    return [...(this.#members.get(room) ?? [])].map(nameOf);
  }

  /** Sends to every member without waiting for slow ones. */
  broadcast(room: string, message: { event: string; data: unknown }): void {
    for (const member of this.#members.get(room) ?? []) {
      // A member that is leaving right now misses the message; its handleDisconnect removes it.
      member.sendJson(message).catch(() => {});
    }
  }
}

/** The name a member gave in the URL (`/rooms/lobby?name=ann`). */
export function nameOf(socket: WebSocketConnection): string {
  const { name } = socket.query;
  return typeof name === 'string' ? name : 'anonymous';
}
