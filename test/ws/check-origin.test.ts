// webSockets({ checkOrigin }): an upgrade from a page of a refused origin gets HTTP 403 and no socket.
import { CorbelError, createApp } from '@corbel/core';
import { OnConnection, type WebSocketConnection, WebSocketGateway, webSockets } from '@corbel/ws';
import { expect } from 'chai';
import { handshakeHeaders, sendUpgrade } from './support/upgrade-request';
import { useWsApps } from './support/ws-app';

@WebSocketGateway('/live')
class LiveGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    await socket.sendText('hello');
    await socket.receiveText();
  }
}

describe('WebSocket checkOrigin', () => {
  const start = useWsApps();

  it('lets an allowed origin and a client without Origin upgrade, and refuses any other with 403', async () => {
    const { url } = await start({
      gateways: [LiveGateway],
      checkOrigin: true,
      cors: { origin: ['https://app.example.com', /\.trusted\.example$/] },
    });
    const allowed = await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://app.example.com' }));
    expect(allowed.upgraded).to.equal(true);
    const pattern = await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://a.trusted.example' }));
    expect(pattern.upgraded).to.equal(true);
    expect((await sendUpgrade(url, '/live', handshakeHeaders())).upgraded).to.equal(true);
    const refused = await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://evil.example.net' }));
    expect(refused.upgraded).to.equal(false);
    expect(refused.status).to.equal(403);
    expect(JSON.parse(refused.body)).to.deep.equal({ detail: 'Origin not allowed' });
  });

  it('asks an async origin function, and a failing one refuses', async () => {
    const { url } = await start({
      gateways: [LiveGateway],
      checkOrigin: true,
      cors: {
        origin: async (origin) => {
          if (origin === 'https://broken.example') throw new Error('lookup failed');
          return origin === 'https://tenant.example';
        },
      },
    });
    expect((await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://tenant.example' }))).upgraded).to.equal(
      true,
    );
    expect((await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://other.example' }))).status).to.equal(
      403,
    );
    expect((await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://broken.example' }))).status).to.equal(
      403,
    );
  });

  it('without checkOrigin, upgrades from any origin go on as before', async () => {
    const { url } = await start({ gateways: [LiveGateway], cors: { origin: 'https://app.example.com' } });
    expect(
      (await sendUpgrade(url, '/live', handshakeHeaders({ origin: 'https://evil.example.net' }))).upgraded,
    ).to.equal(true);
  });

  it('checkOrigin: true in an app without cors is refused at createApp', () => {
    expect(() => createApp({ logger: false, plugins: [webSockets({ gateways: [LiveGateway], checkOrigin: true })] }))
      .to.throw(CorbelError, /checkOrigin: true \}\): the app has no CORS origin/)
      .with.property('code', 'CORBEL_ERR_INVALID_GATEWAY');
  });
});
