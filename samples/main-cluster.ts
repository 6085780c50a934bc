// `npm run start:cluster -w samples`: the samples on 2 workers of one port, chat rooms shared through Redis.
import { serveCluster } from '@corbel/core';
import { redisAdapter } from '@corbel/ws-redis';
import { createSampleApp } from './app';

// REDIS_URL says where Redis is (default redis://127.0.0.1:6379); without one the app still serves, each worker's
// rooms on their own, and retries until Redis comes.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

void serveCluster(() => createSampleApp({ adapter: redisAdapter({ url: redisUrl }) }), {
  workers: 2,
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
});
