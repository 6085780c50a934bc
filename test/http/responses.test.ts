// Return values: how each kind of value a handler returns reaches the client, and the json/text/html/redirect helpers.
import { Readable } from 'node:stream';
import { type App, Controller, createApp, Get, Header, html, json, Post, redirect, text } from '@corbel/core';
import { expect } from 'chai';
import { rawHeaderValues, send } from '../support/http-client';

const JSON_TYPE = 'application/json; charset=utf-8';

class Custom {
  readonly kind = 'custom';
}

@Controller('/r')
class ResponsesController {
  @Get('/object')
  object() {
    return { name: 'Ada', nested: { list: [1, 'two', null] } };
  }

  @Get('/array')
  array() {
    return [1, 2, 3];
  }

  @Get('/instance')
  instance() {
    return new Custom();
  }

  @Get('/number')
  number() {
    return 42;
  }

  @Get('/string')
  string() {
    return 'héllo';
  }

  @Get('/empty-string')
  emptyString() {
    return '';
  }

  @Get('/buffer')
  buffer() {
    return Buffer.from([0, 1, 2, 255]);
  }

  @Get('/bytes')
  bytes() {
    return new Uint8Array([104, 105]);
  }

  @Get('/undefined')
  nothing() {
    return undefined;
  }

  @Get('/null')
  none() {
    return null;
  }

  @Post('/void')
  voidPost(): void {}

  @Get('/stream')
  stream() {
    return Readable.from(['first,', 'second,', 'third']);
  }

  @Get('/async')
  async later() {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { later: true };
  }

  @Get('/async-text')
  async laterText() {
    return 'later';
  }

  @Get('/async-empty')
  async laterNothing() {
    await Promise.resolve();
  }

  @Get('/json')
  jsonHelper() {
    return json({ error: 'out of stock' }, 409, { 'Retry-After': '5' });
  }

  @Post('/json-default')
  jsonDefault() {
    return json({ made: true });
  }

  @Get('/json-own-type')
  jsonOwnType() {
    return json({ title: 'x' }, 200, { 'Content-Type': 'application/problem+json' });
  }

  @Get('/text')
  textHelper() {
    return text('pong', 202, [['X-One', '1']]);
  }

  @Get('/html')
  htmlHelper() {
    return html('<h1>Hello</h1>');
  }

  @Get('/redirect')
  redirectHelper() {
    return redirect('/login');
  }

  @Get('/redirect-permanent')
  redirectPermanent() {
    return redirect('https://example.com/new', 301);
  }

  @Get('/helper-with-route-header')
  @Header('X-Route', 'yes')
  helperWithRouteHeader() {
    return text('with route header');
  }

  @Get('/async-helper')
  async asyncHelper() {
    return html('<p>async</p>', 201);
  }
}

describe('return values', () => {
  const app = createApp({ controllers: [ResponsesController], logger: false });

  it('sends an object as JSON with application/json; charset=utf-8', async () => {
    const response = await app.inject({ method: 'GET', url: '/r/object' });
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal(JSON_TYPE);
    expect(response.body).to.equal('{"name":"Ada","nested":{"list":[1,"two",null]}}');
    expect(response.headers['content-length']).to.equal(String(Buffer.byteLength(response.body)));
  });

  it('sends an array as JSON', async () => {
    const response = await app.inject({ method: 'GET', url: '/r/array' });
    expect(response.headers['content-type']).to.equal(JSON_TYPE);
    expect(response.body).to.equal('[1,2,3]');
  });

  it('sends a class instance and a number as JSON too', async () => {
    const instance = await app.inject({ method: 'GET', url: '/r/instance' });
    expect(instance.headers['content-type']).to.equal(JSON_TYPE);
    expect(instance.body).to.equal('{"kind":"custom"}');
    const number = await app.inject({ method: 'GET', url: '/r/number' });
    expect(number.headers['content-type']).to.equal(JSON_TYPE);
    expect(number.body).to.equal('42');
  });

  it('sends a string as text/plain; charset=utf-8 with its byte length', async () => {
    const response = await app.inject({ method: 'GET', url: '/r/string' });
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(response.headers['content-length']).to.equal('6');
    expect(response.body).to.equal('héllo');
  });

  it('sends an empty string as an empty 200 text response, not as 204', async () => {
    const response = await app.inject({ method: 'GET', url: '/r/empty-string' });
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(response.body).to.equal('');
  });

  it('sends a Buffer as application/octet-stream, byte for byte', async () => {
    const response = await app.inject({ method: 'GET', url: '/r/buffer' });
    expect(response.headers['content-type']).to.equal('application/octet-stream');
    expect(response.headers['content-length']).to.equal('4');
    expect([...response.rawPayload]).to.deep.equal([0, 1, 2, 255]);
  });

  it('sends a Uint8Array as application/octet-stream', async () => {
    const response = await app.inject({ method: 'GET', url: '/r/bytes' });
    expect(response.headers['content-type']).to.equal('application/octet-stream');
    expect(response.body).to.equal('hi');
  });

  for (const kind of ['undefined', 'null']) {
    it(`answers ${kind} with 204 and no body`, async () => {
      const response = await app.inject({ method: 'GET', url: `/r/${kind}` });
      expect(response.statusCode).to.equal(204);
      expect(response.body).to.equal('');
      expect(response.headers['content-type']).to.equal(undefined);
    });
  }

  it('answers a void POST with 204, not 201', async () => {
    const response = await app.inject({ method: 'POST', url: '/r/void' });
    expect(response.statusCode).to.equal(204);
    expect(response.body).to.equal('');
  });

  it('awaits async handlers, whatever they resolve to', async () => {
    const object = await app.inject({ method: 'GET', url: '/r/async' });
    expect(object.statusCode).to.equal(200);
    expect(object.json()).to.deep.equal({ later: true });
    const string = await app.inject({ method: 'GET', url: '/r/async-text' });
    expect(string.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(string.body).to.equal('later');
    const empty = await app.inject({ method: 'GET', url: '/r/async-empty' });
    expect(empty.statusCode).to.equal(204);
  });

  describe('helpers are sent as they are', () => {
    it('json(body, status, headers) is sent with that status, those headers and the JSON type', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/json' });
      expect(response.statusCode).to.equal(409);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.headers['retry-after']).to.equal('5');
      expect(response.body).to.equal('{"error":"out of stock"}');
    });

    it('json(body) answers 200 even from a POST route', async () => {
      const response = await app.inject({ method: 'POST', url: '/r/json-default' });
      expect(response.statusCode).to.equal(200);
      expect(response.json()).to.deep.equal({ made: true });
    });

    it('json() keeps a content-type given in its headers', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/json-own-type' });
      expect(response.headers['content-type']).to.equal('application/problem+json');
      expect(response.body).to.equal('{"title":"x"}');
    });

    it('text(body, status, headers) is sent as text/plain with that status and those headers', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/text' });
      expect(response.statusCode).to.equal(202);
      expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
      expect(response.headers['x-one']).to.equal('1');
      expect(response.body).to.equal('pong');
    });

    it('html(body) is sent as text/html with 200', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/html' });
      expect(response.statusCode).to.equal(200);
      expect(response.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(response.body).to.equal('<h1>Hello</h1>');
    });

    it('redirect(url) answers 302 with Location and an empty body', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/redirect' });
      expect(response.statusCode).to.equal(302);
      expect(response.headers.location).to.equal('/login');
      expect(response.body).to.equal('');
    });

    it('redirect(url, status) uses the given status', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/redirect-permanent' });
      expect(response.statusCode).to.equal(301);
      expect(response.headers.location).to.equal('https://example.com/new');
      expect(response.body).to.equal('');
    });

    it('a helper from an async handler is sent as it is', async () => {
      const response = await app.inject({ method: 'GET', url: '/r/async-helper' });
      expect(response.statusCode).to.equal(201);
      expect(response.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(response.body).to.equal('<p>async</p>');
    });

    it("a route's @Header is added to a helper's response", async () => {
      const response = await app.inject({ method: 'GET', url: '/r/helper-with-route-header' });
      expect(response.headers['x-route']).to.equal('yes');
      expect(response.body).to.equal('with route header');
    });
  });

  describe('on the wire', () => {
    let server: App;
    let port: number;
    before(async () => {
      server = createApp({ controllers: [ResponsesController], logger: false });
      port = (await server.listen(0)).port;
    });
    after(() => server.close());

    it('streams a Readable chunked, as application/octet-stream', async () => {
      const response = await send(port, { path: '/r/stream' });
      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.equal('application/octet-stream');
      expect(response.headers['transfer-encoding']).to.equal('chunked');
      expect(response.headers['content-length']).to.equal(undefined);
      expect(response.body).to.equal('first,second,third');
    });

    it('sends a 204 without content-length or content-type', async () => {
      const response = await send(port, { path: '/r/null' });
      expect(response.status).to.equal(204);
      expect(rawHeaderValues(response, 'content-length')).to.deep.equal([]);
      expect(rawHeaderValues(response, 'content-type')).to.deep.equal([]);
      expect(response.body).to.equal('');
    });

    it('sends a redirect with content-length 0', async () => {
      const response = await send(port, { path: '/r/redirect' });
      expect(response.status).to.equal(302);
      expect(response.headers['content-length']).to.equal('0');
      expect(response.body).to.equal('');
    });
  });
});
