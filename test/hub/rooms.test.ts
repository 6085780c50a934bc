// WebSocketHub in one process: rooms, except, broadcast by gateway path, size, leaving on close, and misuse.
import { Body, Controller, CorbelError, createApp, Post } from '@corbel/core';
import {
  ConnectedSocket,
  inProcessAdapter,
  MessageBody,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { eventually } from '../ws/support/ws-client';
import { useHubApps } from './support/hub-app';
import { RoomChatGateway, type SayData } from './support/room-chat-gateway';

@WebSocketGateway('/support')
class SupportGateway {
  constructor(private readonly hub: WebSocketHub) {}

  @SubscribeMessage('join')
  join(@MessageBody() room: unknown, @ConnectedSocket() socket: WebSocketConnection) {
    this.hub.join(socket, room as string);
    return this.hub.rooms(socket);
  }

  @SubscribeMessage('say')
  async say(@MessageBody() data: SayData, @ConnectedSocket() socket: WebSocketConnection) {
    await this.hub.of(socket).to(data.room).emit('said', `support: ${data.text}`);
    return 'sent';
  }
}

@Controller('/announce')
class AnnounceController {
  constructor(private readonly hub: WebSocketHub) {}

  @Post()
  async announce(@Body('room') room: string, @Body('text') text: string) {
    await this.hub.to(room).sendJson({ event: 'announcement', data: text });
    return { size: await this.hub.size(room) };
  }
}

describe('WebSocketHub rooms', () => {
  const start = useHubApps();

  it('a message to a room reaches its members only, and leaving stops it', async () => {
    const { connect } = await start({ gateways: [RoomChatGateway] });
    const [ann, bob, cy] = await Promise.all([connect('/chat'), connect('/chat'), connect('/chat')]);
    await ann.emit('join', 'x');
    expect(await ann.nextJson()).to.deep.equal({ event: 'join', data: ['x'] });
    await bob.emit('join', 'x');
    await bob.nextJson();
    await cy.emit('join', 'y');
    await cy.nextJson();
    await ann.emit('say', { room: 'x', text: 'hi x' });
    expect(await ann.nextJson()).to.deep.equal({ event: 'said', data: 'hi x' });
    expect(await ann.nextJson()).to.deep.equal({ event: 'say', data: 'sent' });
    expect(await bob.nextJson()).to.deep.equal({ event: 'said', data: 'hi x' });
    await bob.emit('leave', 'x');
    expect(await bob.nextJson()).to.deep.equal({ event: 'leave', data: [] });
    await ann.emit('say', { room: 'x', text: 'only ann' });
    expect(await ann.nextJson()).to.deep.equal({ event: 'said', data: 'only ann' });
    await ann.nextJson();
    // bob and cy got nothing more: a round trip of their own comes back first.
    await bob.emit('size', 'x');
    expect(await bob.nextJson()).to.deep.equal({ event: 'size', data: 1 });
    await cy.emit('size', 'y');
    expect(await cy.nextJson()).to.deep.equal({ event: 'size', data: 1 });
  });

  it('except(socket) leaves the sender out, and several rooms reach a socket in both once', async () => {
    const { connect } = await start({ gateways: [RoomChatGateway] });
    const [ann, bob] = await Promise.all([connect('/chat'), connect('/chat')]);
    for (const room of ['x', 'y']) {
      await ann.emit('join', room);
      await ann.nextJson();
      await bob.emit('join', room);
      await bob.nextJson();
    }
    await ann.emit('say', { room: 'x', text: 'not to me', exceptMe: true });
    expect(await ann.nextJson()).to.deep.equal({ event: 'say', data: 'sent' });
    expect(await bob.nextJson()).to.deep.equal({ event: 'said', data: 'not to me' });
    await ann.emit('say', { room: ['x', 'y'], text: 'once' });
    expect(await ann.nextJson()).to.deep.equal({ event: 'said', data: 'once' });
    expect(await ann.nextJson()).to.deep.equal({ event: 'say', data: 'sent' });
    expect(await bob.nextJson()).to.deep.equal({ event: 'said', data: 'once' });
    await bob.emit('size', 'y');
    expect(await bob.nextJson()).to.deep.equal({ event: 'size', data: 2 });
  });

  it('sockets leave every room when they close', async () => {
    const { connect } = await start({ gateways: [RoomChatGateway] });
    const [ann, bob] = await Promise.all([connect('/chat'), connect('/chat')]);
    await ann.emit('join', 'x');
    await ann.nextJson();
    await bob.emit('join', 'x');
    await bob.nextJson();
    expect(await RoomChatGateway.hub.size('x')).to.equal(2);
    await bob.close(1000);
    await eventually(() => RoomChatGateway.hub.localSockets('x').length === 1, 'bob to leave x');
    expect(await RoomChatGateway.hub.size('x')).to.equal(1);
  });

  it('rooms of different gateway paths are separate, and broadcast(path) reaches every socket of that gateway', async () => {
    const { connect } = await start({ gateways: [RoomChatGateway, SupportGateway] });
    const [chatter, helper, idle] = await Promise.all([connect('/chat'), connect('/support'), connect('/support')]);
    await chatter.emit('join', 'x');
    await chatter.nextJson();
    await helper.emit('join', 'x');
    await helper.nextJson();
    await helper.emit('say', { room: 'x', text: 'hello' });
    expect(await helper.nextJson()).to.deep.equal({ event: 'said', data: 'support: hello' });
    expect(await helper.nextJson()).to.deep.equal({ event: 'say', data: 'sent' });
    const hub = RoomChatGateway.hub;
    expect(() => hub.to('x'))
      .to.throw(CorbelError, 'several gateways (/chat, /support)')
      .with.property('code', 'CORBEL_ERR_INVALID_ROOM');
    expect(hub.of('/chat').localSockets('x')).to.have.length(1);
    await hub.broadcast('/support').emit('notice', 'to support');
    expect(await helper.nextJson()).to.deep.equal({ event: 'notice', data: 'to support' });
    expect(await idle.nextJson()).to.deep.equal({ event: 'notice', data: 'to support' });
    // The chatter heard neither support's room x nor support's broadcast: its own reply comes first.
    await chatter.emit('join', 'z');
    expect(await chatter.nextJson()).to.deep.equal({ event: 'join', data: ['x', 'z'] });
    expect(() => hub.broadcast('/nowhere'))
      .to.throw(CorbelError, "no gateway is served at '/nowhere' (gateways: /chat, /support)")
      .with.property('code', 'CORBEL_ERR_INVALID_ROOM');
  });

  it('a controller injects the hub and sends to a room', async () => {
    const { connect, url } = await start({ gateways: [RoomChatGateway] }, { controllers: [AnnounceController] });
    const ann = await connect('/chat');
    await ann.emit('join', 'news');
    await ann.nextJson();
    const response = await fetch(`${url}/announce`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'news', text: 'extra!' }),
    });
    expect(await response.json()).to.deep.equal({ size: 1 });
    expect(await ann.nextJson()).to.deep.equal({ event: 'announcement', data: 'extra!' });
  });

  it('bad room names and values JSON cannot represent are refused', async () => {
    await start({ gateways: [RoomChatGateway] });
    const hub = RoomChatGateway.hub;
    expect(() => hub.to('')).to.throw(CorbelError, 'expected a room name (a non-empty string), got ""');
    expect(() => hub.to([])).to.throw(CorbelError, 'expected at least one room');
    const sizeError = await hub.size(7 as unknown as string).catch((caught: unknown) => caught);
    expect(sizeError).to.be.instanceOf(CorbelError).with.property('code', 'CORBEL_ERR_INVALID_ROOM');
    const error = await hub
      .to('x')
      .sendJson(10n)
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(TypeError);
  });

  it('an app that injects the hub without webSockets() fails at createApp with CORBEL_ERR_UNKNOWN_PROVIDER', () => {
    expect(() => createApp({ controllers: [AnnounceController], logger: false }))
      .to.throw(CorbelError, 'WebSocketHub is not provided')
      .with.property('code', 'CORBEL_ERR_UNKNOWN_PROVIDER');
  });

  it('webSockets() refuses an adapter that is not one or serves another app, a bad maxQueuedBytes, and being used by two apps', () => {
    const adapter = { name: 'half', publish() {} } as never;
    expect(() => createApp({ plugins: [webSockets({ gateways: [], adapter })], logger: false }))
      .to.throw(CorbelError, 'expected a WebSocketAdapter')
      .with.property('code', 'CORBEL_ERR_INVALID_ADAPTER');
    expect(() => createApp({ plugins: [webSockets({ gateways: [], maxQueuedBytes: 0 })], logger: false }))
      .to.throw(CorbelError, 'maxQueuedBytes')
      .with.property('code', 'CORBEL_ERR_INVALID_GATEWAY');
    const oneApps = inProcessAdapter();
    createApp({ plugins: [webSockets({ gateways: [], adapter: oneApps })], logger: false });
    expect(() => createApp({ plugins: [webSockets({ gateways: [], adapter: oneApps })], logger: false }))
      .to.throw(CorbelError, 'this in-process adapter already serves another app; make one per app')
      .with.property('code', 'CORBEL_ERR_INVALID_ADAPTER');
    const shared = webSockets({ gateways: [] });
    createApp({ plugins: [shared], logger: false });
    expect(() => createApp({ plugins: [shared], logger: false }))
      .to.throw(CorbelError, 'already used by another app')
      .with.property('code', 'CORBEL_ERR_INVALID_PLUGIN');
  });
});
