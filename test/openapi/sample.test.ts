// The sample app documents itself: /openapi.json, /asyncapi.json and /docs, and `npm run openapi` writes the file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from '@corbel/openapi';
import { expect } from 'chai';
import { asyncApiProblems, openApiErrors, schemaValidator } from './support/validators';

const repositoryRoot = join(__dirname, '..', '..', '..');
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');

describe('the sample app documents itself', () => {
  const app = createSampleApp({ logger: false });

  it('serves a valid OpenAPI document, and the docs page over it', async () => {
    const document = (await app.inject('/openapi.json')).json() as OpenApiDocument;
    expect(await openApiErrors(document)).to.deep.equal([]);
    expect(document.info.title).to.equal('Corbel samples');
    const page = await app.inject('/docs');
    expect(page.statusCode).to.equal(200);
    expect(page.body).to.include('/docs/swagger-ui-bundle.js');
  });

  it("documents the orders routes' own error bodies, which are what they send", async () => {
    const document = (await app.inject('/openapi.json')).json() as OpenApiDocument;
    const orders = document.paths['/orders/{id}']?.get?.responses ?? {};
    const books = document.paths['/books/{id}']?.get?.responses ?? {};
    expect(orders['404'].content?.['application/json'].schema).to.deep.equal({
      $ref: '#/components/schemas/NotFoundBody',
    });
    expect(books['404'].content?.['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/HTTPError' });
    // The controller's validation filter takes path failures too, and answers them 422 in its own format.
    expect(orders['422']).to.deep.equal({
      description: 'The path does not validate (answered by ValidationFormatFilter)',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationFormatBody' } } },
    });
    for (const [path, status] of [
      ['/orders/9', 404],
      ['/orders/abc', 422],
      ['/books/9', 404],
    ] as const) {
      const documented = (path.startsWith('/orders') ? orders : books)[String(status)];
      const validate = schemaValidator(document.components.schemas, documented.content?.['application/json'].schema);
      const response = await app.inject(path);
      expect(response.statusCode).to.equal(status);
      expect(validate(response.json()), `${path}: ${response.body}`).to.equal(true);
    }
  });

  it('serves a valid AsyncAPI document of its chat gateways', async () => {
    const document = (await app.inject('/asyncapi.json')).json() as { channels: Record<string, { address: string }> };
    expect(await asyncApiProblems(document)).to.deep.equal([]);
    expect(Object.values(document.channels).map((channel) => channel.address)).to.deep.equal([
      '/rooms/{room}',
      '/echo',
    ]);
  });

  it('writes openapi.json and asyncapi.json with the export script (`npm run openapi -w samples`)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'corbel-openapi-'));
    try {
      const run = spawnSync(process.execPath, [join(repositoryRoot, 'samples/dist/export-openapi.js')], {
        cwd: directory,
        encoding: 'utf8',
      });
      expect(run.stderr).to.equal('');
      expect(run.status).to.equal(0);
      expect(run.stdout).to.include(join(directory, 'openapi.json'));
      const written = JSON.parse(readFileSync(join(directory, 'openapi.json'), 'utf8'));
      expect(written).to.deep.equal((await app.inject('/openapi.json')).json());
      const asyncApi = JSON.parse(readFileSync(join(directory, 'asyncapi.json'), 'utf8'));
      expect(asyncApi).to.deep.equal((await app.inject('/asyncapi.json')).json());
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
