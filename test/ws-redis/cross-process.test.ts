// Separate Corbel processes sharing one real Redis: rooms, except, multi-room sends and size span all of them.
import { expect } from 'chai';
import type { TestClient } from '../ws/support/ws-client';
import { HubProcess, joinRoom } from './support/hub-process';
import { RedisServer } from './support/redis-server';

/** Until a first cross-process packet arrives, a subscription may still be on its way to Redis. */
async function connected(nodes: HubProcess[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await Promise.all(nodes.map((node) => node.stats()))).every((stats) => stats.isConnected)) {
    if (Date.now() > deadline) throw new Error('the adapters did not connect to Redis');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function said(client: TestClient): Promise<unknown> {
  const message = (await client.nextJson()) as { event: string; data: unknown };
  if (message.event !== 'said') throw new Error(`expected a 'said' event, got ${JSON.stringify(message)}`);
  return message.data;
}

async function say(client: TestClient, data: { room: string | string[]; text: string; exceptMe?: boolean }) {
  await client.emit('say', data);
}

async function answer(client: TestClient, event: string): Promise<unknown> {
  const message = (await client.nextJson()) as { event: string; data: unknown };
  if (message.event !== event) throw new Error(`expected the ${event} answer, got ${JSON.stringify(message)}`);
  return message.data;
}

describe('WebSocketHub across processes (Redis adapter)', function () {
  this.timeout(20_000);
  let redis: RedisServer;
  let nodes: HubProcess[] = [];

  before(async () => {
    redis = await RedisServer.start();
    nodes = await Promise.all([1, 2, 3].map(() => HubProcess.start(redis.url)));
    await connected(nodes);
  });

  after(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await redis?.kill();
  });

  it('a client on process A in room x receives what a client on B sends to x, not what goes to y', async () => {
    const [a, b] = nodes;
    const [onA, onB, yOnA] = await Promise.all([a.connect(), b.connect(), a.connect()]);
    await joinRoom(onA, 'x1');
    await joinRoom(onB, 'x1');
    await joinRoom(yOnA, 'y1');
    // 1. B's message to x reaches A's member of x (and B's own, locally, first).
    await say(onB, { room: 'x1', text: 'from B' });
    expect(await said(onB)).to.equal('from B');
    expect(await answer(onB, 'say')).to.equal('sent');
    expect(await said(onA)).to.equal('from B');
    // 2. what goes to y reaches y's member only: onA's next message is the one after it.
    await say(onB, { room: 'y1', text: 'to y' });
    expect(await answer(onB, 'say')).to.equal('sent');
    expect(await said(yOnA)).to.equal('to y');
    await say(onB, { room: 'x1', text: 'x again' });
    expect(await said(onA)).to.equal('x again');
  });

  it('except(sender) works across processes, and a socket in several target rooms gets the message once', async () => {
    const [a, b, c] = nodes;
    const [onA, onB, onC] = await Promise.all([a.connect(), b.connect(), c.connect()]);
    for (const client of [onA, onB, onC]) {
      await joinRoom(client, 'x2');
      await joinRoom(client, 'z2');
    }
    await say(onC, { room: 'x2', text: 'not to C', exceptMe: true });
    expect(await answer(onC, 'say')).to.equal('sent');
    expect(await said(onA)).to.equal('not to C');
    expect(await said(onB)).to.equal('not to C');
    await say(onA, { room: ['x2', 'z2'], text: 'once' });
    expect(await said(onA)).to.equal('once');
    expect(await answer(onA, 'say')).to.equal('sent');
    expect(await said(onB)).to.equal('once');
    expect(await said(onC)).to.equal('once');
    // C heard nothing else: its own next answer comes before any duplicate could.
    await say(onC, { room: 'x2', text: 'marker' });
    expect(await said(onC)).to.equal('marker');
    expect(await said(onB)).to.equal('marker');
    expect(await said(onA)).to.equal('marker');
  });

  it('size(room) is cluster-wide, and leaving and closing remove membership everywhere', async () => {
    const [a, b, c] = nodes;
    const [onA, onB, secondOnB, onC] = await Promise.all([a.connect(), b.connect(), b.connect(), c.connect()]);
    for (const client of [onA, onB, secondOnB, onC]) await joinRoom(client, 'x3');
    const sizeFrom = async (client: TestClient) => {
      await client.emit('size', 'x3');
      return answer(client, 'size');
    };
    // Presence reaches Redis a tick after a join (writes are coalesced): wait for the count, not a fixed delay.
    const sizeSeenBy = async (client: TestClient, expected: number) => {
      const deadline = Date.now() + 3_000;
      let seen = await sizeFrom(client);
      while (seen !== expected && Date.now() < deadline) seen = await sizeFrom(client);
      return seen;
    };
    expect(await sizeSeenBy(onA, 4)).to.equal(4);
    await onB.emit('leave', 'x3');
    expect(await answer(onB, 'leave')).to.deep.equal([]);
    await secondOnB.close(1000);
    expect(await sizeSeenBy(onC, 2)).to.equal(2);
    // B has no member of x3 left: a message to it reaches A and C only.
    await say(onB, { room: 'x3', text: 'to the rest' });
    expect(await answer(onB, 'say')).to.equal('sent');
    expect(await said(onA)).to.equal('to the rest');
    expect(await said(onC)).to.equal('to the rest');
  });
});
