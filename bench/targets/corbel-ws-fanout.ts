// Corbel fan-out target: every client of /fanout joins room 'fanout'; a `publish` is sent to the room in every
// process through the WebSocketHub and the Redis adapter at REDIS_URL.
import 'reflect-metadata';
import { createApp } from '../../packages/core/dist/index.js';
import {
  MessageBody,
  type OnGatewayConnection,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
  webSockets,
} from '../../packages/ws/dist/index.js';
import { redisAdapter } from '../../packages/ws-redis/dist/index.js';
import { announceReady, resolvePort } from '../lib/target-channel.js';

@WebSocketGateway('/fanout')
class FanoutGateway implements OnGatewayConnection {
  constructor(private readonly hub: WebSocketHub) {}

  // The publisher connects with ?role=publisher and stays out of the room.
  handleConnection(socket: WebSocketConnection) {
    if (socket.query.role !== 'publisher') this.hub.join(socket, 'fanout');
  }

  // Not awaited, like socket.io's io.to().emit(): frames of one connection are handled one at a time, so awaiting
  // would hold the publisher's next frame until Redis answered this one. It cannot reject here: `data` came from a
  // parsed JSON frame, and a packet Redis cannot take is counted as dropped, not rejected.
  @SubscribeMessage('publish')
  publish(@MessageBody() data: unknown): void {
    void this.hub.to('fanout').emit('tick', data);
  }
}

async function main(): Promise<void> {
  const adapter = redisAdapter({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const app = createApp({
    controllers: [],
    plugins: [webSockets({ gateways: [FanoutGateway], adapter, heartbeatMs: 0 })],
    logger: false,
  });
  const { port } = await app.listen(resolvePort());
  // Ready only once Redis is: a packet published before that would be dropped by design.
  while (!adapter.isConnected) await new Promise((resolve) => setTimeout(resolve, 10));
  announceReady(port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
