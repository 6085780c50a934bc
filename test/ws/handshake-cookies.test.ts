// A handshake guard reads the upgrade's cookies as a route's guard does: signedCookies verified with the app's secret.
import type { CanActivate } from '@corbel/core';
import { SubscribeMessage, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { sign } from 'cookie-signature';
import { handshakeHeaders, sendUpgrade } from './support/upgrade-request';
import { useWsApps } from './support/ws-app';

const SECRET = 'handshake-secret';

@WebSocketGateway('/account')
class AccountGateway {
  @SubscribeMessage('ping')
  ping() {
    return 'pong';
  }
}

describe('WebSocket handshake cookies', () => {
  const start = useWsApps();

  it('lets a guard read a signed cookie at the handshake, and sees a tampered one as absent', async () => {
    const seen: unknown[] = [];
    const sessionGuard: CanActivate = {
      canActivate: (context) => {
        const { uid } = context.request.signedCookies;
        seen.push(uid);
        return uid === '42';
      },
    };
    const { url, connect } = await start({
      gateways: [AccountGateway],
      guards: [sessionGuard],
      cookies: { secret: SECRET },
    });
    const signed = encodeURIComponent(sign('42', SECRET));
    const client = await connect('/account', { cookie: `uid=${signed}` });
    await client.emit('ping');
    expect(await client.nextJson()).to.deep.equal({ event: 'ping', data: 'pong' });
    const forged = encodeURIComponent(sign('42', 'another-secret'));
    expect((await sendUpgrade(url, '/account', handshakeHeaders({ cookie: `uid=${forged}` }))).status).to.equal(403);
    expect(seen).to.deep.equal(['42', undefined]);
  });
});
