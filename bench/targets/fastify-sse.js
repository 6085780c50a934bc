// Fastify with @fastify/sse, the way its README streams an async generator; the heartbeat is off, as in every target.

const fastify = require('fastify');
const { announceReady, resolvePort } = require('../lib/target-channel.js');

async function* events(count) {
  for (let n = 1; n <= count; n++) yield { data: { n, text: 'hello' } };
}

async function main() {
  const app = fastify({ logger: false });
  await app.register(require('@fastify/sse'), { heartbeatInterval: 0 });
  app.get('/events', { sse: { kind: 'only', heartbeat: false } }, async (request, reply) => {
    await reply.sse.send(events(Number(request.query.count ?? 1)));
  });
  await app.listen({ port: resolvePort(), host: '127.0.0.1' });
  announceReady(app.server.address().port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
