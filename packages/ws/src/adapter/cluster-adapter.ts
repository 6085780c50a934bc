// clusterAdapter(): carries hub packets between the workers of one serveCluster() through the primary's IPC.
import { randomUUID } from 'node:crypto';
import { CorbelError } from '@corbel/core';
import { decodePacket, encodePacket } from './packet-codec';
import type { AdapterHost, AdapterPacket, WebSocketAdapter } from './web-socket-adapter';

/** Options of `clusterAdapter()`. */
export interface ClusterAdapterOptions {
  /** Keeps apart two hubs of the same workers (default `'corbel.ws.hub'`). */
  readonly topic?: string;
}

/** The relay message serveCluster's primary forwards to every other worker. */
interface RelayMessage {
  readonly corbel: 'relay';
  readonly topic: string;
  readonly data: string;
}

const RESOLVED: Promise<void> = Promise.resolve();

function isRelay(message: unknown, topic: string): message is RelayMessage {
  const candidate = message as Partial<RelayMessage> | null;
  return candidate?.corbel === 'relay' && candidate.topic === topic && typeof candidate.data === 'string';
}

/**
 * A `WebSocketAdapter` for one machine without a broker: each worker of `serveCluster()` sends its packets to the
 * primary, which forwards them to every other worker; each worker delivers to its own members. `hub.size()` stays
 * local (there is no shared presence). Outside a cluster worker it logs a warning at start and carries nothing.
 * @example
 * void serveCluster(() => createApp({ plugins: [webSockets({ gateways: [ChatGateway], adapter: clusterAdapter() })] }));
 */
export function clusterAdapter(options: ClusterAdapterOptions = {}): WebSocketAdapter {
  const unknown = Object.keys(options ?? {}).filter((key) => key !== 'topic');
  if (unknown.length > 0 || (options.topic !== undefined && typeof options.topic !== 'string')) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_ADAPTER',
      `clusterAdapter(): expected { topic?: string }, got ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : typeof options.topic}`,
    );
  }
  const topic = options.topic ?? 'corbel.ws.hub';
  const origin = randomUUID();
  let host: AdapterHost | undefined;
  const onMessage = (message: unknown) => {
    if (!host || !isRelay(message, topic)) return;
    const packet = decodePacket(message.data);
    if (!packet || packet.origin === origin) return;
    // One message for all its rooms: each is offered in order, and the host delivers every socket once.
    for (const room of packet.rooms) host.deliver(packet, room);
  };
  return {
    name: 'cluster',
    start(started) {
      host = started;
      if (typeof process.send !== 'function') {
        started.logger.warn(
          { adapter: 'cluster' },
          'clusterAdapter() outside a serveCluster() worker: rooms stay local',
        );
        return;
      }
      process.on('message', onMessage);
    },
    subscribe() {},
    unsubscribe() {},
    publish(packet: AdapterPacket) {
      if (typeof process.send !== 'function' || !process.connected) return RESOLVED;
      const message: RelayMessage = { corbel: 'relay', topic, data: encodePacket(origin, packet) };
      try {
        process.send(message);
      } catch (error) {
        host?.logger.debug({ err: error }, 'Sending a hub packet to the cluster primary failed; it is dropped');
      }
      return RESOLVED;
    },
    close() {
      process.off('message', onMessage);
      return RESOLVED;
    },
  };
}
