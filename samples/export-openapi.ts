// `npm run openapi -w samples`: writes the sample app's OpenAPI document to openapi.json, its AsyncAPI one to asyncapi.json.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAsyncApiDocument, buildOpenApiDocument } from '@corbel/openapi';
import { createSampleApp, sampleDocumentation } from './app';

const app = createSampleApp({ logger: false });
const written = [
  ['openapi.json', buildOpenApiDocument(app, sampleDocumentation)],
  ['asyncapi.json', buildAsyncApiDocument(app, sampleDocumentation)],
] as const;
for (const [file, document] of written) {
  const path = resolve(file);
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${path}\n`);
}
