// redisAdapter() refuses options it would not understand, and leaves a client it was given open.
import { CorbelError, createApp } from '@corbel/core';
import { WebSocketGateway, webSockets } from '@corbel/ws';
import { type RedisAdapterOptions, redisAdapter } from '@corbel/ws-redis';
import { expect } from 'chai';
import { createClient } from 'redis';
import { RedisServer } from './support/redis-server';

function refusal(options: unknown): CorbelError {
  try {
    redisAdapter(options as RedisAdapterOptions);
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError).with.property('code', 'CORBEL_ERR_INVALID_ADAPTER');
    return error as CorbelError;
  }
  throw new Error('expected redisAdapter() to throw');
}

@WebSocketGateway('/chat')
class ChatGateway {}

describe('redisAdapter options', () => {
  it('refuses a missing or doubled connection, a bad URL, an unknown option and a bad backoff, naming them', () => {
    expect(refusal({}).message).to.equal('redisAdapter(): expected exactly one of url and client');
    expect(refusal({ url: 'localhost:6379' }).message).to.contain('expected url to be a redis:// or rediss:// URL');
    expect(refusal({ url: 'redis://x', keyprefix: 'a' }).message).to.contain('unknown option(s) keyprefix');
    expect(refusal({ url: 'redis://x', reconnect: { initialDelayMs: 0 } }).message).to.contain(
      'expected reconnect.initialDelayMs to be a positive number of ms, got 0',
    );
    expect(refusal({ url: 'redis://x', keyPrefix: '' }).message).to.contain(
      'expected keyPrefix to be a non-empty string',
    );
  });

  it('publishes on a client it was given, opens its own subscriber, and leaves the given client open on app.close()', async function () {
    this.timeout(10_000);
    const redis = await RedisServer.start();
    const client = createClient({ url: redis.url });
    client.on('error', () => {});
    try {
      await client.connect();
      const adapter = redisAdapter({ client });
      const app = createApp({ plugins: [webSockets({ gateways: [ChatGateway], adapter })], logger: false });
      await app.listen(0);
      const deadline = Date.now() + 3_000;
      while (!adapter.isConnected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(adapter.isConnected).to.equal(true);
      await app.close();
      expect(client.isReady).to.equal(true);
      expect(await client.ping()).to.equal('PONG');
    } finally {
      await client.close().catch(() => {});
      await redis.kill();
    }
  });
});
