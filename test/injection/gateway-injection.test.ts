// @corbel/ws gateways come from the container: constructor injection, module providers and async factories.
import { type App, createApp, Inject, Injectable, Module, type OnModuleInit } from '@corbel/core';
import { MessageBody, SubscribeMessage, WebSocketGateway, webSockets } from '@corbel/ws';
import { expect } from 'chai';
import { TestClient, wsUrl } from '../ws/support/ws-client';

@Injectable()
class ChatStore {
  readonly messages: string[] = ['welcome'];
}

@WebSocketGateway('/chat')
class ChatGateway {
  // A #private field: it must work whether the gateway was made at once or after an async factory.
  readonly #store: ChatStore;
  constructor(
    store: ChatStore,
    @Inject('ROOM') private readonly room: string,
  ) {
    this.#store = store;
  }

  @SubscribeMessage('say')
  say(@MessageBody() text: string) {
    this.#store.messages.push(text);
    return { room: this.room, messages: this.#store.messages };
  }
}

describe('injection: @corbel/ws gateways', () => {
  let app: App | undefined;
  let client: TestClient | undefined;
  afterEach(async () => {
    client?.socket.terminate();
    await app?.close();
    app = undefined;
    client = undefined;
  });

  async function talk(built: App): Promise<unknown> {
    app = built;
    const { url } = await built.listen(0);
    client = await TestClient.connect(wsUrl(url, '/chat'));
    await client.emit('say', 'hi');
    return client.nextJson();
  }

  it('gets its constructor parameters injected from the flat form providers', async () => {
    const reply = await talk(
      createApp({
        providers: [ChatStore, { provide: 'ROOM', useValue: 'lobby' }],
        plugins: [webSockets({ gateways: [ChatGateway] })],
        logger: false,
      }),
    );
    expect(reply).to.deep.equal({ event: 'say', data: { room: 'lobby', messages: ['welcome', 'hi'] } });
  });

  it('is the provider a module declares, sharing its singletons', async () => {
    const events: string[] = [];
    @Injectable()
    class Announcer implements OnModuleInit {
      constructor(readonly store: ChatStore) {}
      onModuleInit() {
        events.push('Announcer.onModuleInit');
        this.store.messages.push('announced');
      }
    }
    @Module({ providers: [ChatStore, Announcer, ChatGateway, { provide: 'ROOM', useValue: 'garden' }] })
    class ChatModule {}
    @Module({ imports: [ChatModule] })
    class AppModule {}
    const reply = await talk(
      createApp(AppModule, { plugins: [webSockets({ gateways: [ChatGateway] })], logger: false }),
    );
    expect(events).to.deep.equal(['Announcer.onModuleInit']);
    expect(reply).to.deep.equal({ event: 'say', data: { room: 'garden', messages: ['welcome', 'announced', 'hi'] } });
  });

  it('waits for async factories: the gateway works once listen() has resolved', async () => {
    const reply = await talk(
      createApp({
        providers: [
          ChatStore,
          {
            provide: 'ROOM',
            useFactory: async () => {
              await new Promise((resolve) => setTimeout(resolve, 10));
              return 'async-room';
            },
          },
        ],
        plugins: [webSockets({ gateways: [ChatGateway] })],
        logger: false,
      }),
    );
    expect(reply).to.deep.equal({ event: 'say', data: { room: 'async-room', messages: ['welcome', 'hi'] } });
  });
});
