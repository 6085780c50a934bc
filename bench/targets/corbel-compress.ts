// Corbel compression target: one route answering about 100 KB of JSON, with createApp({ compression: true }).
import 'reflect-metadata';
import { Controller, createApp, Get } from '../../packages/core/dist/index.js';
import { COMPRESSION_PATH, compressionPayload } from '../lib/compression-payload.js';
import { announceReady, resolvePort } from '../lib/target-channel.js';

const payload = compressionPayload();

@Controller(COMPRESSION_PATH)
class CatalogueController {
  @Get()
  page() {
    return payload;
  }
}

async function main() {
  // COMPRESSION=off serves the same route uncompressed, for the identity row.
  const app = createApp({
    controllers: [CatalogueController],
    compression: process.env.COMPRESSION !== 'off',
    logger: false,
  });
  const { port } = await app.listen(resolvePort());
  announceReady(port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
