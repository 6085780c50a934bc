// The hub's runtime: local fan-out with a per-socket queue limit, the adapter's host, and gateway path lookup.
import { CorbelError, type Logger } from '@corbel/core';
import {
  type AdapterHost,
  type AdapterPacket,
  inProcessAdapter,
  type WebSocketAdapter,
} from '../adapter/web-socket-adapter';
import type { WebSocketConnection } from '../connection';
import { normalisePath } from '../gateway/compile-gateway';
import { encodeTextFrame, type OutgoingText } from '../transport/text-frame';
import { type Member, type MembershipListener, RoomRegistry } from './room-registry';

/** What `webSockets()` decides at setup. */
export interface HubSettings {
  readonly paths: readonly string[];
  readonly adapter: WebSocketAdapter;
  readonly maxQueuedBytes: number;
  readonly logger: Logger;
}

const RESOLVED: Promise<void> = Promise.resolve();
const TRY_AGAIN_LATER = 1013;
const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} };

// An adapter holds one app's connections to its broker: a second app must get its own.
const claimedAdapters = new WeakSet<WebSocketAdapter>();

export function invalidRoom(message: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_ROOM', message);
}

/** One app's rooms. Made with the plugin (so it can be injected), configured by its setup, started at listen. */
export class HubCore implements MembershipListener, AdapterHost {
  readonly registry = new RoomRegistry(this);
  logger: Logger = SILENT;
  #paths: readonly string[] = [];
  #adapter: WebSocketAdapter = inProcessAdapter();
  #maxQueuedBytes = Number.POSITIVE_INFINITY;
  #isConfigured = false;
  #isStarted = false;
  #isClosed = false;
  // Members whose sockets hold this tick's frames: uncorked together once the tick's deliveries are done.
  #corked: Member[] = [];
  readonly #uncorkAll = (): void => {
    const corked = this.#corked;
    this.#corked = [];
    for (const member of corked) {
      member.isCorked = false;
      member.channel.uncork();
      this.#checkQueue(member);
    }
  };

  configure(settings: HubSettings): void {
    if (this.#isConfigured) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PLUGIN',
        'webSockets(): this plugin instance is already used by another app; call webSockets() once per app',
      );
    }
    if (claimedAdapters.has(settings.adapter)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_ADAPTER',
        `webSockets({ adapter }): this ${settings.adapter.name} adapter already serves another app; make one per app`,
      );
    }
    claimedAdapters.add(settings.adapter);
    this.#isConfigured = true;
    this.#paths = settings.paths;
    this.#adapter = settings.adapter;
    this.#maxQueuedBytes = settings.maxQueuedBytes;
    this.logger = settings.logger;
  }

  /** The app listens: the adapter starts, and reads the rooms already joined from `rooms()`. */
  start(): void {
    if (this.#isStarted || this.#isClosed) return;
    this.#isStarted = true;
    try {
      this.#adapter.start(this);
    } catch (error) {
      this.logger.error({ err: error, adapter: this.#adapter.name }, 'The WebSocket adapter failed to start');
    }
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    if (!this.#isStarted) return;
    try {
      await this.#adapter.close();
    } catch (error) {
      this.logger.error({ err: error, adapter: this.#adapter.name }, 'The WebSocket adapter failed to close');
    }
  }

  /** A declared gateway path, normalised as @WebSocketGateway's is; anything else is refused. */
  gatewayPath(path: unknown, where: string): string {
    if (typeof path !== 'string') throw invalidRoom(`${where}: expected a gateway path string, got ${typeof path}`);
    const normalised = normalisePath(path);
    if (!this.#paths.includes(normalised)) {
      throw invalidRoom(`${where}: no gateway is served at '${path}' (gateways: ${this.#describePaths()})`);
    }
    return normalised;
  }

  /** The one gateway path bare room names refer to; with several, the caller must say which. */
  defaultPath(where: string): string {
    if (this.#paths.length === 1) return this.#paths[0];
    if (this.#paths.length === 0) throw invalidRoom(`${where}: this app serves no gateway, so it has no rooms`);
    throw invalidRoom(
      `${where}: this app serves several gateways (${this.#describePaths()}), whose rooms are separate; ` +
        "say which with hub.of('/path') or hub.of(socket)",
    );
  }

  /** The hub's member for a connection of this app, or undefined for a closed one (it left every room). */
  member(connection: WebSocketConnection, where: string): Member | undefined {
    const member = this.registry.member(connection);
    if (member) return member;
    if (typeof connection !== 'object' || connection === null || typeof connection.close !== 'function') {
      throw invalidRoom(`${where}: expected a WebSocketConnection, got ${typeof connection}`);
    }
    return undefined;
  }

  /** Hands `text` to the local members of `keys` (each socket once), then to the adapter. */
  send(keys: readonly string[], except: ReadonlySet<WebSocketConnection> | undefined, text: string): Promise<void> {
    this.#deliverLocally(keys, except, encodeTextFrame(text));
    if (!this.#isStarted || this.#isClosed) return RESOLVED;
    try {
      return this.#adapter.publish({ rooms: keys, text });
    } catch (error) {
      this.logger.error({ err: error, adapter: this.#adapter.name }, 'The WebSocket adapter failed to publish');
      return RESOLVED;
    }
  }

  size(key: string): Promise<number> {
    const local = this.registry.membersOf(key)?.size ?? 0;
    const presence = this.#adapter.presence;
    if (!presence || !this.#isStarted || this.#isClosed) return Promise.resolve(local);
    return presence.size(key, local);
  }

  deliver(packet: AdapterPacket, via: string): void {
    try {
      const members = this.registry.membersOf(via);
      const position = packet.rooms.indexOf(via);
      if (!members || position === -1) return;
      // Another copy of this packet, through an earlier room, reached the sockets that are in both.
      const earlier: ReadonlySet<Member>[] = [];
      for (let index = 0; index < position; index++) {
        const others = this.registry.membersOf(packet.rooms[index]);
        if (others) earlier.push(others);
      }
      const bytes = encodeTextFrame(packet.text);
      for (const member of members) {
        if (earlier.length > 0 && earlier.some((others) => others.has(member))) continue;
        this.#post(member, bytes);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Delivering a packet from the WebSocket adapter failed');
    }
  }

  rooms(): Iterable<[string, number]> {
    return this.registry.counts();
  }

  firstJoined(key: string): void {
    if (this.#isStarted && !this.#isClosed) this.#call('subscribe', () => this.#adapter.subscribe(key));
  }

  countChanged(key: string, count: number): void {
    const presence = this.#adapter.presence;
    if (presence && this.#isStarted && !this.#isClosed) this.#call('count', () => presence.countChanged(key, count));
  }

  lastLeft(key: string): void {
    if (this.#isStarted && !this.#isClosed) this.#call('unsubscribe', () => this.#adapter.unsubscribe(key));
  }

  #deliverLocally(
    keys: readonly string[],
    except: ReadonlySet<WebSocketConnection> | undefined,
    text: OutgoingText,
  ): void {
    if (keys.length === 1) {
      for (const member of this.registry.membersOf(keys[0]) ?? []) {
        if (!except?.has(member.connection)) this.#post(member, text);
      }
      return;
    }
    const reached = new Set<Member>();
    for (const key of keys) {
      for (const member of this.registry.membersOf(key) ?? []) {
        if (reached.has(member) || except?.has(member.connection)) continue;
        reached.add(member);
        this.#post(member, text);
      }
    }
  }

  // A packet is framed once for every socket (encodeTextFrame). Several packets in one tick (a burst from the
  // adapter, a loop of sends) reach a socket in one write: it stays corked until the tick's deliveries are done.
  #post(member: Member, text: OutgoingText): void {
    const { channel } = member;
    if (!member.isCorked) {
      channel.cork();
      member.isCorked = true;
      if (this.#corked.push(member) === 1) process.nextTick(this.#uncorkAll);
    }
    if (!channel.post(text)) return;
    if (channel.bufferedBytes <= this.#maxQueuedBytes) return;
    // Corked bytes count as queued: hand them to the kernel before judging the peer (it stays corked, and listed).
    channel.uncork();
    channel.cork();
    this.#checkQueue(member);
  }

  // The peer is not reading: closing bounds what this socket holds instead of letting its buffer grow.
  #checkQueue(member: Member): void {
    const { channel } = member;
    if (channel.bufferedBytes <= this.#maxQueuedBytes || channel.state !== 'open') return;
    this.logger.debug({ code: TRY_AGAIN_LATER, path: member.connection.path }, 'Closing a slow WebSocket consumer');
    void channel.close(TRY_AGAIN_LATER, 'Slow consumer: too many bytes queued');
  }

  #call(what: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error({ err: error, adapter: this.#adapter.name }, `The WebSocket adapter failed to ${what}`);
    }
  }

  #describePaths(): string {
    return this.#paths.length === 0 ? 'none' : this.#paths.join(', ');
  }
}
