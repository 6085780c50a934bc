// Corbel WebSocket target, receive-loop style: one async loop per connection reading frames and echoing them.
import 'reflect-metadata';
import { createApp } from '../../packages/core/dist/index.js';
import { OnConnection, type WebSocketConnection, WebSocketGateway, webSockets } from '../../packages/ws/dist/index.js';
import { announceReady, resolvePort } from '../lib/target-channel.js';

@WebSocketGateway()
class EchoLoopGateway {
  // The seed's receive loop, parsing and re-serialising JSON as the raw target does, so the comparison is fair.
  @OnConnection()
  async run(socket: WebSocketConnection): Promise<void> {
    while (true) {
      const message = await socket.receiveJson();
      await socket.sendJson(message);
    }
  }
}

async function main(): Promise<void> {
  const app = createApp({ controllers: [], plugins: [webSockets({ gateways: [EchoLoopGateway] })], logger: false });
  const { port } = await app.listen(resolvePort());
  announceReady(port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
