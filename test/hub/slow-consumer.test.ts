// A room member that stops reading is closed with 1013 once its queue passes maxQueuedBytes; the others go on.
import {
  ConnectedSocket,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
} from '@corbel/ws';
import { expect } from 'chai';
import { eventually } from '../ws/support/ws-client';
import { useHubApps } from './support/hub-app';

const MAX_QUEUED_BYTES = 256 * 1024;
const MESSAGE = 'x'.repeat(16 * 1024);

@WebSocketGateway('/feed')
class FeedGateway {
  static hub: WebSocketHub;
  static sockets: WebSocketConnection[] = [];
  constructor(hub: WebSocketHub) {
    FeedGateway.hub = hub;
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: WebSocketConnection) {
    FeedGateway.hub.join(socket, 'feed');
    FeedGateway.sockets.push(socket);
    return 'joined';
  }
}

describe('WebSocketHub slow consumers', () => {
  const start = useHubApps();

  it('closes a member that stopped reading with 1013 when its queue passes maxQueuedBytes, and keeps serving the rest', async () => {
    FeedGateway.sockets = [];
    const { connect } = await start({ gateways: [FeedGateway], maxQueuedBytes: MAX_QUEUED_BYTES });
    const [slow, fast] = await Promise.all([connect('/feed'), connect('/feed')]);
    for (const client of [slow, fast]) {
      await client.emit('join');
      expect(await client.nextJson()).to.deep.equal({ event: 'join', data: 'joined' });
    }
    const [slowSocket] = FeedGateway.sockets;
    // 1. the slow client's TCP socket stops reading: what the server writes piles up in its buffers.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    let received = 0;
    fast.socket.on('message', () => received++);
    // 2. publish far more than the limit plus what the kernel buffers can hold.
    let sent = 0;
    while (slowSocket.state === 'open' && sent < 2_000) {
      await FeedGateway.hub.to('feed').sendText(MESSAGE);
      sent++;
      if (sent % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // 3. the server closed the slow one with 1013; the fast one kept getting everything.
    expect(slowSocket.state).to.be.oneOf(['closing', 'closed']);
    expect(slowSocket.closeCode).to.equal(1013);
    await eventually(() => received === sent, 'the fast client to receive every message');
    expect(FeedGateway.hub.localSockets('feed')).to.include(FeedGateway.sockets[1]);
    // 4. once it reads again, the slow client gets what was queued, then the close frame.
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slow.waitClosed()).to.deep.equal({ code: 1013, reason: 'Slow consumer: too many bytes queued' });
  });
});
