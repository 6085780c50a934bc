// app.close(): every connection closes with 1001, gateway methods get a bounded time to finish, then it resolves.
import { createApp, WebSocketDisconnect } from '@corbel/core';
import {
  OnConnection,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { sendUpgrade } from './support/upgrade-request';
import { deferred, eventually, TestClient, wsUrl } from './support/ws-client';

function withLimit<T>(promise: Promise<T>, what: string, ms = 3_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

describe('shutdown', () => {
  it('closes every connection with 1001 "Server shutting down" and waits for gateway methods and handleDisconnect', async () => {
    const steps: string[] = [];
    @WebSocketGateway('/loop')
    class LoopGateway implements OnGatewayDisconnect {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        try {
          await socket.receiveText();
        } catch (error) {
          steps.push(`loop ended ${(error as WebSocketDisconnect).code}`);
          // Cleanup that takes a while still finishes before close() resolves.
          await new Promise((resolve) => setTimeout(resolve, 30));
          steps.push('cleanup done');
        }
      }
      handleDisconnect(_socket: WebSocketConnection, code: number) {
        steps.push(`handleDisconnect ${code}`);
      }
    }
    @WebSocketGateway('/events')
    class EventsGateway {
      @SubscribeMessage('noop')
      noop() {}
    }
    const app = createApp({ logger: false, plugins: [webSockets({ gateways: [LoopGateway, EventsGateway] })] });
    const { url } = await app.listen(0);
    const loop = await TestClient.connect(wsUrl(url, '/loop'));
    const events = await TestClient.connect(wsUrl(url, '/events'));
    await events.emit('noop');
    // 1. close the app; 2. both clients see 1001; 3. the gateway's cleanup ran before close() resolved.
    await withLimit(app.close(), 'app.close()');
    steps.push('close resolved');
    expect(await loop.waitClosed()).to.deep.equal({ code: 1001, reason: 'Server shutting down' });
    expect(await events.waitClosed()).to.deep.equal({ code: 1001, reason: 'Server shutting down' });
    expect(steps).to.deep.equal(['loop ended 1001', 'cleanup done', 'handleDisconnect 1001', 'close resolved']);
  });

  it('a gateway method that never ends does not hold close() past shutdownTimeoutMs; its socket is cut', async () => {
    const started = deferred();
    @WebSocketGateway('/stuck')
    class StuckGateway {
      @OnConnection()
      async run() {
        started.resolve();
        await new Promise(() => {});
      }
    }
    const app = createApp({
      logger: false,
      plugins: [webSockets({ gateways: [StuckGateway], shutdownTimeoutMs: 50 })],
    });
    const { url } = await app.listen(0);
    const client = await TestClient.connect(wsUrl(url, '/stuck'));
    await started.promise;
    await withLimit(app.close(), 'app.close()');
    expect((await client.waitClosed()).code).to.equal(1001);
  });

  it('a handshake still in handleConnection at close time is refused, and close() resolves', async () => {
    const entered = deferred();
    @WebSocketGateway('/slow-auth')
    class SlowAuthGateway implements OnGatewayConnection {
      async handleConnection() {
        entered.resolve();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const app = createApp({ logger: false, plugins: [webSockets({ gateways: [SlowAuthGateway] })] });
    const { url } = await app.listen(0);
    const answer = sendUpgrade(url, '/slow-auth');
    await entered.promise;
    await withLimit(app.close(), 'app.close()');
    const { status, upgraded } = await answer;
    expect([status, upgraded]).to.deep.equal([503, false]);
  });

  it('close() can be called twice and resolves both times', async () => {
    @WebSocketGateway('/idle')
    class IdleGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText().catch(() => {});
      }
    }
    const app = createApp({ logger: false, plugins: [webSockets({ gateways: [IdleGateway] })] });
    const { url } = await app.listen(0);
    const client = await TestClient.connect(wsUrl(url, '/idle'));
    await withLimit(Promise.all([app.close(), app.close()]), 'both close() calls');
    await eventually(() => client.socket.readyState === client.socket.CLOSED, 'the client to close');
  });
});
