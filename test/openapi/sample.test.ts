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

  it('documents POST /documents as the multipart/form-data upload it is: the DTO fields, the file and its types', async () => {
    const document = (await app.inject('/openapi.json')).json() as OpenApiDocument;
    const upload = document.paths['/documents']?.post;
    expect(upload?.requestBody).to.deep.equal({
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              file: {
                type: 'string',
                format: 'binary',
                description:
                  'One file: at most 2097152 bytes; image/png or image/jpeg or application/pdf, checked against the ' +
                  'declared type and, for images and PDFs, the content.',
              },
              title: { type: 'string', minLength: 1, maxLength: 80 },
              rating: { type: 'integer', minimum: 1, maximum: 5 },
            },
            required: ['file', 'title'],
          },
          encoding: { file: { contentType: 'image/png, image/jpeg, application/pdf' } },
        },
      },
    });
    expect(Object.keys(upload?.responses ?? {})).to.deep.equal(['201', '400', '404', '413', '415', '422', '500']);
    // The sample's real answer to a missing file is the documented 422 body.
    const form = new FormData();
    form.append('title', 'Notes');
    const served = createSampleApp({ logger: false });
    const { url } = await served.listen(0);
    try {
      const response = await fetch(`${url}/documents`, { method: 'POST', body: form });
      expect(response.status).to.equal(422);
      const schema = upload?.responses['422'].content?.['application/json'].schema;
      expect(schemaValidator(document.components.schemas, schema)(await response.json())).to.equal(true);
    } finally {
      await served.close();
    }
  });

  it('documents GET /documents/events and GET /clock as event streams, the clock with its Tick data', async () => {
    const document = (await app.inject('/openapi.json')).json() as OpenApiDocument;
    const events = document.paths['/documents/events']?.get?.responses['200'];
    expect(events?.content).to.deep.equal({ 'text/event-stream': {} });
    expect(events?.description).to.match(/^A stream of Server-Sent Events/);
    const clock = document.paths['/clock']?.get?.responses['200'].content?.['text/event-stream'].schema;
    expect(clock?.properties?.data).to.deep.equal({
      type: 'string',
      contentMediaType: 'application/json',
      contentSchema: { $ref: '#/components/schemas/Tick' },
    });
    expect(document.components.schemas.Tick).to.deep.equal({
      type: 'object',
      properties: {
        n: { type: 'number', description: 'Counts from 1, or on from Last-Event-ID after a reconnect', example: 1 },
        at: { type: 'string', description: 'When the tick was sent (ISO 8601)', example: '2025-01-01T00:00:00.000Z' },
      },
    });
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
