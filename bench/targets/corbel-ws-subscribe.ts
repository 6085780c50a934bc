// Corbel WebSocket target, handler style: a gateway whose @SubscribeMessage('echo') return value is sent back.
import 'reflect-metadata';
import { createApp } from '../../packages/core/dist/index.js';
import { MessageBody, SubscribeMessage, WebSocketGateway, webSockets } from '../../packages/ws/dist/index.js';
import { announceReady, resolvePort } from '../lib/target-channel.js';

@WebSocketGateway()
class EchoGateway {
  // Corbel wraps the return value as `{ event: 'echo', data }`, the same frame NestJS's gateway returns by hand.
  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown): unknown {
    return data;
  }
}

async function main(): Promise<void> {
  const app = createApp({ controllers: [], plugins: [webSockets({ gateways: [EchoGateway] })], logger: false });
  const { port } = await app.listen(resolvePort());
  announceReady(port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
