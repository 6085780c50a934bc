// samples/chat end to end, through createSampleApp as `npm start` serves it.
import type { App } from '@corbel/core';
import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';
import { sendUpgrade } from './support/upgrade-request';
import { TestClient, wsUrl } from './support/ws-client';

describe('samples/chat', () => {
  let app: App;
  let url: string;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    app = createSampleApp({ logger: false });
    ({ url } = await app.listen(0));
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await app.close();
  });

  async function join(room: string, name: string): Promise<TestClient> {
    const client = await TestClient.connect(wsUrl(url, `/rooms/${room}?name=${encodeURIComponent(name)}`));
    clients.push(client);
    return client;
  }

  it('GET /chat serves the HTML page', async () => {
    const response = await app.inject('/chat');
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(response.payload).to.contain('new WebSocket(url)');
  });

  it('announces members, broadcasts `say` to the room only, and announces leaving', async () => {
    const ann = await join('lobby', 'ann');
    expect(await ann.nextJson()).to.deep.equal({ event: 'joined', data: { name: 'ann', members: ['ann'] } });
    const bob = await join('lobby', 'bob');
    const elsewhere = await join('kitchen', 'cy');
    await elsewhere.nextJson();
    expect(await ann.nextJson()).to.deep.equal({ event: 'joined', data: { name: 'bob', members: ['ann', 'bob'] } });
    await bob.nextJson();
    await bob.emit('say', { text: 'hi all' });
    const message = { event: 'message', data: { name: 'bob', text: 'hi all' } };
    expect(await ann.nextJson()).to.deep.equal(message);
    expect(await bob.nextJson()).to.deep.equal(message);
    await ann.emit('members');
    expect(await ann.nextJson()).to.deep.equal({ event: 'members', data: ['ann', 'bob'] });
    await bob.close(1000);
    expect(await ann.nextJson()).to.deep.equal({ event: 'left', data: { name: 'bob' } });
    expect(elsewhere.pending()).to.deep.equal([]);
  });

  it('bad messages come back as `error` events and the connection stays open', async () => {
    const ann = await join('errors', 'ann');
    await ann.nextJson();
    await ann.send('{not json');
    expect(await ann.nextJson()).to.deep.equal({ event: 'error', data: { code: 1007, reason: 'Invalid JSON' } });
    await ann.emit('dance');
    expect(await ann.nextJson()).to.deep.equal({
      event: 'error',
      data: { code: 1003, reason: 'Unknown event "dance"' },
    });
    await ann.emit('say', { text: '' });
    const invalid = (await ann.nextJson()) as { event: string; data: { loc: string[] }[] };
    expect(invalid.event).to.equal('error');
    expect(invalid.data[0].loc).to.deep.equal(['text']);
    await ann.emit('say', { text: 'still here' });
    expect(await ann.nextJson()).to.deep.equal({ event: 'message', data: { name: 'ann', text: 'still here' } });
  });

  it('refuses a name longer than 32 characters before the handshake completes (400)', async () => {
    const answer = await sendUpgrade(url, `/rooms/lobby?name=${'x'.repeat(33)}`);
    expect([answer.status, JSON.parse(answer.body)]).to.deep.equal([
      400,
      { detail: 'name must be 1 to 32 characters' },
    ]);
  });

  it('/echo echoes valid JSON and closes with 4000 "Invalid message format" otherwise', async () => {
    const client = await TestClient.connect(wsUrl(url, '/echo'));
    clients.push(client);
    await client.sendJson({ text: 'ping' });
    expect(await client.nextJson()).to.deep.equal({ text: 'ping' });
    await client.sendJson([1]);
    expect(await client.waitClosed()).to.deep.equal({ code: 4000, reason: 'Invalid message format' });
  });
});
