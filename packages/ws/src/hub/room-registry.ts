// Who is in which room in this process: sets created on the first join, dropped with the last leave.
import { channelOf, type PostingChannel, type WebSocketConnection } from '../connection';

/** One connection as the hub knows it; `rooms` stays undefined until it joins one (a socket in no room pays nothing). */
export interface Member {
  readonly connection: WebSocketConnection;
  readonly channel: PostingChannel;
  /** The gateway path it connected through (`/rooms/:room`), which scopes its room names. */
  readonly path: string;
  rooms: Set<string> | undefined;
  /** Its socket is corked for the fan-out of the current tick (hub-core.ts uncorks it). */
  isCorked: boolean;
}

/** Told when a key gains or loses local members: the hub subscribes, unsubscribes and reports presence from here. */
export interface MembershipListener {
  /** `key` had no local member and now has one. */
  firstJoined(key: string): void;
  countChanged(key: string, count: number): void;
  /** The last local member of `key` left. */
  lastLeft(key: string): void;
}

/** The key of room `room` of the gateway at `path`; a gateway path alone is the key of all its sockets. */
export function roomKey(path: string, room: string): string {
  // A URL path cannot contain '#', so the first one always ends the path part.
  return `${path}#${room}`;
}

/** Local membership by connection and by key (gateway paths and rooms alike). */
export class RoomRegistry {
  readonly #keys = new Map<string, Set<Member>>();
  readonly #listener: MembershipListener;

  constructor(listener: MembershipListener) {
    this.#listener = listener;
  }

  /** A connection of the gateway at `path` opened (or is in its handshake). */
  add(connection: WebSocketConnection, channel: PostingChannel, path: string): void {
    const member: Member = { connection, channel, path, rooms: undefined, isCorked: false };
    // On the channel rather than in a map keyed by connection: one field instead of a map entry per socket.
    channel.hubMember = member;
    this.#enter(path, member);
  }

  /** The connection is gone: it leaves every room and its gateway's set. */
  remove(connection: WebSocketConnection): void {
    const member = this.member(connection);
    if (!member) return;
    member.channel.hubMember = undefined;
    for (const room of member.rooms ?? []) this.#exit(roomKey(member.path, room), member);
    member.rooms = undefined;
    this.#exit(member.path, member);
  }

  /** The member for a connection of this hub's app; undefined for a closed one, or one of another app. */
  member(connection: WebSocketConnection): Member | undefined {
    const member = (channelOf(connection) as PostingChannel | undefined)?.hubMember as Member | undefined;
    return member && this.#keys.get(member.path)?.has(member) ? member : undefined;
  }

  join(member: Member, room: string): void {
    member.rooms ??= new Set();
    if (member.rooms.has(room)) return;
    member.rooms.add(room);
    this.#enter(roomKey(member.path, room), member);
  }

  leave(member: Member, room: string): void {
    if (!member.rooms?.delete(room)) return;
    if (member.rooms.size === 0) member.rooms = undefined;
    this.#exit(roomKey(member.path, room), member);
  }

  /** The local members under `key`, or undefined when there are none. */
  membersOf(key: string): ReadonlySet<Member> | undefined {
    return this.#keys.get(key);
  }

  /** Every key with local members, with their counts. */
  *counts(): IterableIterator<[string, number]> {
    for (const [key, members] of this.#keys) yield [key, members.size];
  }

  #enter(key: string, member: Member): void {
    let members = this.#keys.get(key);
    const isFirst = members === undefined;
    if (!members) {
      members = new Set();
      this.#keys.set(key, members);
    }
    members.add(member);
    if (isFirst) this.#listener.firstJoined(key);
    this.#listener.countChanged(key, members.size);
  }

  #exit(key: string, member: Member): void {
    const members = this.#keys.get(key);
    if (!members?.delete(member)) return;
    if (members.size === 0) this.#keys.delete(key);
    this.#listener.countChanged(key, members.size);
    if (members.size === 0) this.#listener.lastLeft(key);
  }
}
