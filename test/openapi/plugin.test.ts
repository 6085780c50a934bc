// openApi(): the documents and the docs page served by the app itself, with ETags, built at start-up.
import { Controller, CorbelError, createApp, Get, Param } from '@corbel/core';
import { buildAsyncApiDocument, buildOpenApiDocument, Doc, openApi } from '@corbel/openapi';
import { SubscribeMessage, WebSocketGateway, webSockets } from '@corbel/ws';
import { expect } from 'chai';
import { send } from '../support/http-client';

const info = { title: 'Books <API>', version: '2.0.0' };

@Controller('/books')
class BooksController {
  @Get('/:id')
  findOne(@Param('id') id: number) {
    return { id };
  }
}

@WebSocketGateway('/live')
class LiveGateway {
  @SubscribeMessage('ping')
  ping() {
    return 'pong';
  }
}

describe('openApi() plugin', () => {
  const app = createApp({
    logger: false,
    controllers: [BooksController],
    // Listed before webSockets(): the documents are built once every plugin is set up.
    plugins: [openApi({ info }), webSockets({ gateways: [LiveGateway] })],
  });

  it('serves the OpenAPI document at /openapi.json, the same one buildOpenApiDocument returns', async () => {
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(response.headers['cache-control']).to.equal('no-cache');
    expect(response.json()).to.deep.equal(buildOpenApiDocument(app, { info }));
    expect(Object.keys(response.json().paths)).to.deep.equal(['/books/{id}']);
  });

  it('serves the AsyncAPI document of the gateways at /asyncapi.json', async () => {
    const response = await app.inject('/asyncapi.json');
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal(buildAsyncApiDocument(app, { info }));
    expect(response.json().channels.LiveGateway.address).to.equal('/live');
  });

  it('answers 304 without a body when If-None-Match names the ETag, 200 otherwise', async () => {
    const first = await app.inject('/openapi.json');
    const etag = String(first.headers.etag);
    expect(etag).to.match(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await app.inject({ url: '/openapi.json', headers: { 'if-none-match': etag } });
    expect(again.statusCode).to.equal(304);
    expect(again.body).to.equal('');
    expect(again.headers.etag).to.equal(etag);
    const weak = await app.inject({ url: '/openapi.json', headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weak.statusCode).to.equal(304);
    const stale = await app.inject({ url: '/openapi.json', headers: { 'if-none-match': '"stale"' } });
    expect(stale.statusCode).to.equal(200);
  });

  it('serves the docs page from the package, over /openapi.json, with no outside URL', async () => {
    const page = await app.inject('/docs');
    expect(page.statusCode).to.equal(200);
    expect(page.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(page.body).to.include('<title>Books &#60;API&#62;</title>');
    expect(page.body).to.not.match(/https?:\/\//);
    const initializer = await app.inject('/docs/swagger-initializer.js');
    expect(initializer.body).to.include('"url":"/openapi.json"').and.include('"validatorUrl":null');
    const assets = {
      'swagger-ui.css': 'text/css; charset=utf-8',
      'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
      'favicon-32x32.png': 'image/png',
      'oauth2-redirect.html': 'text/html; charset=utf-8',
    };
    for (const [asset, contentType] of Object.entries(assets)) {
      const response = await app.inject(`/docs/${asset}`);
      expect(response.statusCode, asset).to.equal(200);
      expect(response.headers['content-type'], asset).to.equal(contentType);
    }
    const bundle = await app.inject('/docs/swagger-ui-bundle.js');
    expect(bundle.rawPayload.length).to.be.greaterThan(500_000);
    const again = await app.inject({
      url: '/docs/swagger-ui-bundle.js',
      headers: { 'if-none-match': String(bundle.headers.etag) },
    });
    expect(again.statusCode).to.equal(304);
  });

  it('serves nothing but the named files under the docs path', async () => {
    expect((await app.inject('/docs/package.json')).statusCode).to.equal(404);
    expect((await app.inject('/docs/..%2f..%2fpackage.json')).statusCode).to.equal(404);
  });

  it('leaves the other routes exactly as they were', async () => {
    const plain = createApp({ logger: false, controllers: [BooksController] });
    const [documented, bare] = await Promise.all([app.inject('/books/7'), plain.inject('/books/7')]);
    expect(documented.body).to.equal(bare.body);
    expect(documented.headers).to.deep.equal({ ...bare.headers, date: documented.headers.date });
  });

  it('takes other paths, and turns the page or the AsyncAPI document off with false', async () => {
    const custom = createApp({
      logger: false,
      controllers: [BooksController],
      plugins: [openApi({ info, path: '/api/spec.json', docsPath: false, asyncApiPath: false })],
    });
    expect((await custom.inject('/api/spec.json')).statusCode).to.equal(200);
    expect((await custom.inject('/openapi.json')).statusCode).to.equal(404);
    expect((await custom.inject('/docs')).statusCode).to.equal(404);
    expect((await custom.inject('/asyncapi.json')).statusCode).to.equal(404);
    const moved = createApp({ logger: false, plugins: [openApi({ info, docsPath: '/reference' })] });
    const page = await moved.inject('/reference');
    expect(page.body).to.include('/reference/swagger-ui-bundle.js');
    expect((await moved.inject('/reference/swagger-ui.css')).statusCode).to.equal(200);
  });

  it('serves the same documents over a real socket', async () => {
    const { url } = await app.listen(0);
    try {
      const response = await send(url, { path: '/openapi.json' });
      expect(response.status).to.equal(200);
      expect(JSON.parse(response.body).info).to.deep.equal(info);
    } finally {
      await app.close();
    }
  });

  it('fails createApp, not the first request, when a @Doc cannot be documented', () => {
    @Controller('/broken')
    @Doc({ summary: 'a controller has no summary' })
    class BrokenController {
      @Get()
      list() {
        return [];
      }
    }
    expect(() => createApp({ logger: false, controllers: [BrokenController], plugins: [openApi({ info })] }))
      .to.throw(CorbelError, "@Doc on BrokenController: 'summary' has no place on a controller class")
      .with.property('code', 'CORBEL_ERR_INVALID_DOC');
  });

  it('refuses bad options at createApp, naming openApi()', () => {
    expect(() => createApp({ logger: false, plugins: [openApi({ info, path: '/docs', docsPath: '/docs' })] }))
      .to.throw(CorbelError, 'openApi(): path, docsPath and asyncApiPath must differ')
      .with.property('code', 'CORBEL_ERR_INVALID_DOC');
    expect(() =>
      createApp({ logger: false, controllers: [BooksController], plugins: [openApi({ info, path: '/books/:id' })] }),
    )
      .to.throw(CorbelError)
      .with.property('code', 'CORBEL_ERR_DUPLICATE_ROUTE');
  });
});
