// What the hub tells its adapter and when: start at listen, subscribe/unsubscribe per room, publish after local
// delivery, packets from other processes delivered once per socket, close with the app.
import { createApp } from '@corbel/core';
import {
  type AdapterHost,
  type AdapterPacket,
  decodePacket,
  encodePacket,
  type WebSocketAdapter,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { TestClient, wsUrl } from '../ws/support/ws-client';
import { RoomChatGateway } from './support/room-chat-gateway';

class RecordingAdapter implements WebSocketAdapter {
  readonly name = 'recording';
  readonly calls: string[] = [];
  host: AdapterHost | undefined;
  published: AdapterPacket[] = [];

  start(host: AdapterHost) {
    this.host = host;
    this.calls.push(`start ${[...host.rooms()].map(([room, count]) => `${room}=${count}`).join(',')}`);
  }
  subscribe(room: string) {
    this.calls.push(`subscribe ${room}`);
  }
  unsubscribe(room: string) {
    this.calls.push(`unsubscribe ${room}`);
  }
  publish(packet: AdapterPacket) {
    this.published.push(packet);
    return Promise.resolve();
  }
  close() {
    this.calls.push('close');
    return Promise.resolve();
  }
}

describe('WebSocketHub adapter contract', () => {
  it('starts at listen, subscribes on the first member and unsubscribes after the last, and closes with the app', async () => {
    const adapter = new RecordingAdapter();
    const app = createApp({ plugins: [webSockets({ gateways: [RoomChatGateway], adapter })], logger: false });
    expect(adapter.calls).to.deep.equal([]);
    const { url } = await app.listen(0);
    expect(adapter.calls).to.deep.equal(['start ']);
    const [ann, bob] = await Promise.all([
      TestClient.connect(wsUrl(url, '/chat')),
      TestClient.connect(wsUrl(url, '/chat')),
    ]);
    try {
      for (const client of [ann, bob]) {
        await client.emit('join', 'x');
        await client.nextJson();
      }
      await ann.emit('leave', 'x');
      await ann.nextJson();
      await bob.emit('say', { room: 'x', text: 'x' });
      expect(await bob.nextJson()).to.deep.equal({ event: 'said', data: 'x' });
      expect(await bob.nextJson()).to.deep.equal({ event: 'say', data: 'sent' });
      expect(adapter.published).to.deep.equal([{ rooms: ['/chat#x'], text: '{"event":"said","data":"x"}' }]);
      await bob.emit('leave', 'x');
      await bob.nextJson();
      expect(adapter.calls).to.deep.equal(['start ', 'subscribe /chat', 'subscribe /chat#x', 'unsubscribe /chat#x']);
    } finally {
      ann.socket.terminate();
      bob.socket.terminate();
      await app.close();
    }
    expect(adapter.calls.slice(-2)).to.deep.equal(['unsubscribe /chat', 'close']);
  });

  it("a packet from another process reaches this process's members of its rooms, each socket once", async () => {
    const adapter = new RecordingAdapter();
    const app = createApp({ plugins: [webSockets({ gateways: [RoomChatGateway], adapter })], logger: false });
    const { url } = await app.listen(0);
    const [both, onlyY] = await Promise.all([
      TestClient.connect(wsUrl(url, '/chat')),
      TestClient.connect(wsUrl(url, '/chat')),
    ]);
    try {
      for (const [client, room] of [
        [both, 'x'],
        [both, 'y'],
        [onlyY, 'y'],
      ] as const) {
        await client.emit('join', room);
        await client.nextJson();
      }
      // One copy per room channel, as a broker with a channel per room hands them over.
      const wire = decodePacket(encodePacket('other-process', { rooms: ['/chat#x', '/chat#y'], text: 'hello' }));
      expect(wire?.origin).to.equal('other-process');
      adapter.host?.deliver(wire as AdapterPacket, '/chat#x');
      adapter.host?.deliver(wire as AdapterPacket, '/chat#y');
      adapter.host?.deliver({ rooms: ['/chat'], text: 'everyone' }, '/chat');
      expect(await both.nextText()).to.equal('hello');
      expect(await both.nextText()).to.equal('everyone');
      expect(await onlyY.nextText()).to.equal('hello');
      expect(await onlyY.nextText()).to.equal('everyone');
    } finally {
      both.socket.terminate();
      onlyY.socket.terminate();
      await app.close();
    }
  });
});
