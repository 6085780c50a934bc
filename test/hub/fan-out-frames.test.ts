// The hub frames each message once and writes it to every member itself: every payload length class of RFC 6455
// (7-bit, 16-bit, 64-bit), any UTF-8, and the order of a tick's sends must come out exactly as a ws send would.
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
} from '@corbel/ws';
import { expect } from 'chai';
import { useHubApps } from './support/hub-app';

@WebSocketGateway('/frames')
class FramesGateway {
  constructor(private readonly hub: WebSocketHub) {}

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: WebSocketConnection) {
    this.hub.join(socket, 'all');
    return 'joined';
  }

  // Room sends and direct sends interleaved in one tick: each member must see them in the order they were made.
  @SubscribeMessage('interleave')
  interleave(@ConnectedSocket() socket: WebSocketConnection) {
    void this.hub.to('all').sendText('room 1');
    void socket.sendText('direct 1');
    void this.hub.to('all').sendText('room 2');
    void socket.sendText('direct 2');
    void this.hub.to('all').sendText('room 3');
  }

  @SubscribeMessage('send')
  async send(@MessageBody() text: string) {
    await this.hub.to('all').sendText(text);
  }
}

// Around each boundary of the frame's length field, in bytes: 125/126 and 65535/65536.
const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];

describe('WebSocketHub fan-out frames', () => {
  const start = useHubApps();

  it('delivers texts of every frame-length class, ASCII and multi-byte UTF-8, intact to every member', async () => {
    const { connect } = await start({ gateways: [FramesGateway] });
    const [ann, bob] = await Promise.all([connect('/frames'), connect('/frames')]);
    for (const client of [ann, bob]) {
      await client.emit('join');
      expect(await client.nextJson()).to.deep.equal({ event: 'join', data: 'joined' });
    }
    const texts = LENGTHS.flatMap((length) => [
      'a'.repeat(length),
      // 'é' is 2 bytes and '😀' 4: the byte length, not the string length, must land on the boundary.
      'é'.repeat(Math.floor(length / 2)) + (length % 2 === 1 ? 'x' : ''),
      '😀'.repeat(Math.floor(length / 4)),
    ]);
    for (const text of texts) {
      await ann.emit('send', text);
      for (const client of [ann, bob]) {
        const received = await client.nextText();
        expect(received.length, `a text of ${Buffer.byteLength(text)} bytes`).to.equal(text.length);
        expect(received === text, `a text of ${Buffer.byteLength(text)} bytes arrived changed`).to.equal(true);
      }
    }
  });

  it("keeps the order of one tick's room sends and direct sends", async () => {
    const { connect } = await start({ gateways: [FramesGateway] });
    const [ann, bob] = await Promise.all([connect('/frames'), connect('/frames')]);
    for (const client of [ann, bob]) {
      await client.emit('join');
      await client.nextJson();
    }
    await ann.emit('interleave');
    const seenByAnn = [];
    for (let index = 0; index < 5; index++) seenByAnn.push(await ann.nextText());
    expect(seenByAnn).to.deep.equal(['room 1', 'direct 1', 'room 2', 'direct 2', 'room 3']);
    const seenByBob = [];
    for (let index = 0; index < 3; index++) seenByBob.push(await bob.nextText());
    expect(seenByBob).to.deep.equal(['room 1', 'room 2', 'room 3']);
  });
});
