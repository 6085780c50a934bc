// A testing module's app may use plugins that provide injectables (the WebSocketHub): they are given up front.
import { Controller, CorbelError, createApp, Injectable, Module, Post } from '@corbel/core';
import { Test } from '@corbel/testing';
import {
  ConnectedSocket,
  type OnGatewayConnection,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { TestClient, wsUrl } from '../ws/support/ws-client';

@WebSocketGateway('/news')
class NewsGateway implements OnGatewayConnection {
  constructor(private readonly hub: WebSocketHub) {}

  handleConnection(@ConnectedSocket() socket: WebSocketConnection) {
    this.hub.join(socket, 'readers');
  }
}

/** A service of the module that injects what the plugin provides. */
@Injectable()
class Newsroom {
  constructor(private readonly hub: WebSocketHub) {}

  publish(headline: string): Promise<void> {
    return this.hub.to('readers').emit('headline', headline);
  }
}

@Controller('/headlines')
class HeadlinesController {
  constructor(private readonly newsroom: Newsroom) {}

  @Post()
  async publish() {
    await this.newsroom.publish('Corbel ships');
    return { sent: true };
  }
}

@Module({ controllers: [HeadlinesController], providers: [Newsroom] })
class NewsModule {}

describe('@corbel/testing with plugins', () => {
  it('gives a module that injects the WebSocketHub the hub its gateways use, through plugins', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [NewsModule],
      plugins: [webSockets({ gateways: [NewsGateway] })],
    }).compile();
    const app = moduleRef.createApp({ logger: false });
    const { url } = await app.listen(0);
    const reader = await TestClient.connect(wsUrl(url, '/news'));
    try {
      const published = await fetch(`${url}/headlines`, { method: 'POST' });
      expect(published.status).to.equal(201);
      expect(await reader.nextJson()).to.deep.equal({ event: 'headline', data: 'Corbel ships' });
    } finally {
      await reader.close();
      await moduleRef.close();
    }
  });

  it("refuses at createApp a plugin with providers the module's providers were made without, saying where it goes", async () => {
    const moduleRef = await Test.createTestingModule({ imports: [NewsModule], providers: [] })
      .overrideProvider(Newsroom)
      .useValue({ publish: async () => undefined })
      .compile();
    let refused: unknown;
    try {
      moduleRef.createApp({ logger: false, plugins: [webSockets({ gateways: [NewsGateway] })] });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(CorbelError);
    expect((refused as CorbelError).code).to.equal('CORBEL_ERR_INVALID_PLUGIN');
    expect((refused as CorbelError).message).to.include('Test.createTestingModule({ ..., plugins: [...] })');
    await moduleRef.close();
  });

  it('still serves the same module through createApp with the plugin, as an app does', async () => {
    const app = createApp(NewsModule, { logger: false, plugins: [webSockets({ gateways: [NewsGateway] })] });
    const { url } = await app.listen(0);
    const reader = await TestClient.connect(wsUrl(url, '/news'));
    try {
      await fetch(`${url}/headlines`, { method: 'POST' });
      expect(await reader.nextJson()).to.deep.equal({ event: 'headline', data: 'Corbel ships' });
    } finally {
      await reader.close();
      await app.close();
    }
  });
});
