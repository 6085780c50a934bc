// Fastify compression target: the same ~100 KB JSON route with @fastify/compress registered globally.

const fastify = require('fastify');
const { COMPRESSION_PATH, compressionPayload } = require('../lib/compression-payload.js');
const { announceReady, resolvePort } = require('../lib/target-channel.js');

const payload = compressionPayload();

async function main() {
  const app = fastify({ logger: false });
  // COMPRESSION=off serves the same route uncompressed, for the identity row.
  if (process.env.COMPRESSION !== 'off') await app.register(require('@fastify/compress'), { global: true });
  app.get(COMPRESSION_PATH, async () => payload);
  await app.listen({ port: resolvePort(), host: '127.0.0.1' });
  announceReady(app.server.address().port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
