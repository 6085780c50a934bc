// Corbel SSE target: an @Sse route streaming an async generator; the heartbeat is off, as in every target.
import 'reflect-metadata';
import { Controller, createApp, Query, Sse } from '../../packages/core/dist/index.js';
import { announceReady, resolvePort } from '../lib/target-channel.js';

@Controller()
class EventsController {
  @Sse('/events', { heartbeatMs: 0 })
  async *events(@Query('count') count: number) {
    for (let n = 1; n <= count; n++) yield { data: { n, text: 'hello' } };
  }
}

async function main(): Promise<void> {
  const app = createApp({ controllers: [EventsController], logger: false });
  const { port } = await app.listen(resolvePort());
  announceReady(port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
