// Redis lost mid-run or absent at start: local delivery goes on, nothing crashes, packets meanwhile are dropped
// and counted, and cross-process delivery resumes once a Redis is back on the same port, without a restart.
import { expect } from 'chai';
import type { TestClient } from '../ws/support/ws-client';
import { HubProcess, joinRoom, type NodeStats } from './support/hub-process';
import { freePort, RedisServer } from './support/redis-server';

async function until(what: string, check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function allStats(nodes: HubProcess[]): Promise<NodeStats[]> {
  return Promise.all(nodes.map((node) => node.stats()));
}

async function next(client: TestClient): Promise<{ event: string; data: unknown }> {
  return (await client.nextJson()) as { event: string; data: unknown };
}

/**
 * Sends from `sender` until `receiver` (on another process) gets one: right after a (re)connect a subscription may
 * still be on its way to Redis, so the first packets can be dropped by design. Arrival is watched on the raw socket
 * so that no timed-out wait is left behind to swallow a later message.
 */
async function crossDelivery(sender: TestClient, receiver: TestClient, room: string): Promise<void> {
  let arrived = 0;
  const onMessage = () => arrived++;
  receiver.socket.on('message', onMessage);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      await sender.emit('say', { room, text: `probe ${attempt}`, exceptMe: true });
      expect(await next(sender)).to.deep.equal({ event: 'say', data: 'sent' });
      const deadline = Date.now() + 100;
      while (arrived === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      if (arrived > 0) {
        expect((await next(receiver)).event).to.equal('said');
        return;
      }
    }
    throw new Error('cross-process delivery did not resume');
  } finally {
    receiver.socket.off('message', onMessage);
  }
}

/** Every text `client` was sent in a 'said' event, from now on. */
function heard(client: TestClient): string[] {
  const texts: string[] = [];
  client.socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { event: string; data: unknown };
    if (message.event === 'said') texts.push(String(message.data));
  });
  return texts;
}

describe('Redis adapter faults', function () {
  this.timeout(20_000);
  let redis: RedisServer | undefined;
  let nodes: HubProcess[] = [];

  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    nodes = [];
    await redis?.kill();
    redis = undefined;
  });

  it('Redis killed mid-run: local delivery goes on and drops are counted; a new Redis on the same port resumes it', async () => {
    redis = await RedisServer.start();
    const port = redis.port;
    nodes = await Promise.all([HubProcess.start(redis.url), HubProcess.start(redis.url)]);
    await until('both adapters to connect', async () => (await allStats(nodes)).every((stats) => stats.isConnected));
    const [a, b] = nodes;
    const [onA, secondOnA, onB] = await Promise.all([a.connect(), a.connect(), b.connect()]);
    for (const client of [onA, onB]) await joinRoom(client, 'x');
    const heardByB = heard(onB);
    await crossDelivery(onA, onB, 'x');
    await joinRoom(secondOnA, 'x');
    // 1. Redis dies.
    await redis.kill();
    redis = undefined;
    await until('A to notice', async () => !(await a.stats()).isConnected);
    const droppedBefore = (await a.stats()).dropped;
    // 2. local delivery goes on; the packet for B is dropped and counted, not queued.
    await onA.emit('say', { room: 'x', text: 'while down', exceptMe: true });
    expect(await next(onA)).to.deep.equal({ event: 'say', data: 'sent' });
    expect(await next(secondOnA)).to.deep.equal({ event: 'said', data: 'while down' });
    expect((await a.stats()).dropped).to.equal(droppedBefore + 1);
    expect(a.isAlive && b.isAlive).to.equal(true);
    // 3. a new Redis on the same port: both reconnect and cross-process delivery resumes, without a restart.
    redis = await RedisServer.start(port);
    await until('both adapters to reconnect', async () => (await allStats(nodes)).every((stats) => stats.isConnected));
    await crossDelivery(onA, onB, 'x');
    // B never got the packet published while Redis was down: at-most-once, not late.
    expect(heardByB).to.not.include('while down');
  });

  it('Redis down at start: the app starts and serves locally, then connects once Redis appears', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    nodes = await Promise.all([HubProcess.start(url), HubProcess.start(url)]);
    const [a, b] = nodes;
    expect((await a.stats()).isConnected).to.equal(false);
    const [onA, secondOnA, onB] = await Promise.all([a.connect(), a.connect(), b.connect()]);
    for (const client of [onA, secondOnA, onB]) await joinRoom(client, 'x');
    await onA.emit('say', { room: 'x', text: 'local only', exceptMe: true });
    expect(await next(onA)).to.deep.equal({ event: 'say', data: 'sent' });
    expect(await next(secondOnA)).to.deep.equal({ event: 'said', data: 'local only' });
    expect((await a.stats()).dropped).to.be.greaterThan(0);
    redis = await RedisServer.start(port);
    await until('both adapters to connect', async () => (await allStats(nodes)).every((stats) => stats.isConnected));
    await crossDelivery(onA, onB, 'x');
  });
});
