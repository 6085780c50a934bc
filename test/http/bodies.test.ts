// Request bodies: read only when used, parsed by content type (JSON securely), refused with 400/413/415 otherwise.
import { type App, Body, Controller, CorbelRequest, createApp, Get, Post, Req } from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { exchange, statusLines } from '../support/raw-socket';

const JSON_TYPE = 'application/json; charset=utf-8';
const SUPPORTED = 'application/json, application/x-www-form-urlencoded or text/plain';

@Controller('/b')
class BodiesController {
  @Post('/echo')
  echo(@Body() body: unknown) {
    return { body, type: typeof body };
  }

  @Post('/field')
  field(@Body('name') name: unknown) {
    return { name };
  }

  @Post('/request')
  request(@Req() request: CorbelRequest) {
    return { body: request.body };
  }

  @Post('/ignores-body')
  ignoresBody() {
    return { ignored: true };
  }

  @Get('/plain')
  plain() {
    return 'plain';
  }
}

function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
}

describe('request bodies', () => {
  const app = createApp({ controllers: [BodiesController], logger: false, bodyLimit: 64 });

  describe('read only when the route uses them', () => {
    it('a route without @Body or @Req ignores the body, whatever its content type', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/ignores-body',
        headers: { 'content-type': 'application/xml' },
        payload: '<not-read/>',
      });
      expect(response.statusCode).to.equal(201);
      expect(response.json()).to.deep.equal({ ignored: true });
    });

    it('a route without @Body does not parse malformed JSON or check the size', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/ignores-body',
        headers: { 'content-type': 'application/json' },
        payload: `{"oops": ${'x'.repeat(200)}`,
      });
      expect(response.statusCode).to.equal(201);
    });

    it('@Req() reads the body', async () => {
      const response = await app.inject({ method: 'POST', url: '/b/request', payload: { via: 'req' } });
      expect(response.json()).to.deep.equal({ body: { via: 'req' } });
    });
  });

  describe('parsed by content type', () => {
    it('parses application/json', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{"a":1,"b":[true,null]}',
      });
      expect(response.statusCode).to.equal(201);
      expect(response.json()).to.deep.equal({ body: { a: 1, b: [true, null] }, type: 'object' });
    });

    it('parses application/json with a utf-8 charset and +json types', async () => {
      for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
        const response = await app.inject({
          method: 'POST',
          url: '/b/echo',
          headers: { 'content-type': type },
          payload: '{"ok":"é"}',
        });
        expect(response.statusCode, type).to.equal(201);
        expect(response.json().body, type).to.deep.equal({ ok: 'é' });
      }
    });

    it('parses application/x-www-form-urlencoded into a record of strings', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=Ada+Lovelace&year=1815&tag=a&tag=b',
      });
      expect(response.json()).to.deep.equal({
        body: { name: 'Ada Lovelace', year: '1815', tag: ['a', 'b'] },
        type: 'object',
      });
    });

    it('passes text/plain as a string', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: 'just text',
      });
      expect(response.json()).to.deep.equal({ body: 'just text', type: 'string' });
    });

    it('@Body(field) reads one field of a JSON body', async () => {
      const response = await app.inject({ method: 'POST', url: '/b/field', payload: { name: 'Ada' } });
      expect(response.json()).to.deep.equal({ name: 'Ada' });
    });

    it('an empty body is undefined, whatever the content type', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(response.statusCode).to.equal(201);
      expect(response.json()).to.deep.equal({ type: 'undefined' });
    });
  });

  describe('refused', () => {
    async function expectDetail(
      payload: string,
      contentType: string,
      status: number,
      detail: string,
      url = '/b/echo',
    ): Promise<void> {
      const response = await app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });
      expect(response.statusCode).to.equal(status);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ detail });
    }

    it('a JSON body with a __proto__ key answers 400', async () => {
      await expectDetail(
        '{"__proto__":{"isAdmin":true}}',
        'application/json',
        400,
        'Invalid JSON body: Object contains forbidden prototype property',
      );
    });

    it('a JSON body with constructor.prototype answers 400', async () => {
      await expectDetail(
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        'application/json',
        400,
        'Invalid JSON body: Object contains forbidden prototype property',
      );
    });

    it('a nested __proto__ key answers 400 too', async () => {
      await expectDetail(
        '{"user":{"__proto__":{"isAdmin":true}}}',
        'application/json',
        400,
        'Invalid JSON body: Object contains forbidden prototype property',
      );
    });

    for (const malformed of ['{"a":', '{"a":1,}', "{'a':1}", 'undefined']) {
      it(`malformed JSON ${malformed} answers 400 saying what the parser found`, async () => {
        await expectDetail(malformed, 'application/json', 400, `Invalid JSON body: ${jsonParseMessage(malformed)}`);
      });
    }

    it('another content type answers 415 naming it', async () => {
      await expectDetail(
        '<a/>',
        'application/xml',
        415,
        `Unsupported content-type 'application/xml': expected ${SUPPORTED}`,
      );
    });

    it('a charset other than utf-8 answers 415', async () => {
      await expectDetail('x', 'text/plain; charset=latin1', 415, "Unsupported charset 'latin1': expected utf-8");
    });

    it('a body that is not valid UTF-8 answers 400', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: Buffer.from([0x61, 0xff, 0xfe]),
      });
      expect(response.statusCode).to.equal(400);
      expect(response.json()).to.deep.equal({ detail: 'Request body is not valid UTF-8' });
      // The decoder is shared between requests: a rejected body must not affect the next one.
      const next = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: Buffer.from('héllo'),
      });
      expect(next.statusCode).to.not.equal(400);
      expect(next.payload).to.contain('héllo');
    });

    it('a body over bodyLimit answers 413', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: 'x'.repeat(65),
      });
      expect(response.statusCode).to.equal(413);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ detail: 'Request body is larger than the limit of 64 bytes' });
    });

    it('a body of exactly bodyLimit bytes is accepted', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: 'x'.repeat(64),
      });
      expect(response.statusCode).to.equal(201);
    });

    it('bodyLimit defaults to 1 MiB', async () => {
      const defaults = createApp({ controllers: [BodiesController], logger: false });
      const mebibyte = 1024 * 1024;
      const atLimit = await defaults.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: 'x'.repeat(mebibyte),
      });
      expect(atLimit.statusCode).to.equal(201);
      const over = await defaults.inject({
        method: 'POST',
        url: '/b/echo',
        headers: { 'content-type': 'text/plain' },
        payload: 'x'.repeat(mebibyte + 1),
      });
      expect(over.statusCode).to.equal(413);
      expect(over.json()).to.deep.equal({ detail: `Request body is larger than the limit of ${mebibyte} bytes` });
    });
  });

  describe('on the wire', () => {
    let server: App;
    let port: number;
    before(async () => {
      server = createApp({ controllers: [BodiesController], logger: false, bodyLimit: 16 });
      port = (await server.listen(0)).port;
    });
    after(() => server.close());

    it('a body without a content type answers 415', async () => {
      const response = await send(port, { method: 'POST', path: '/b/echo', body: '{"a":1}' });
      expect(response.status).to.equal(415);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(JSON.parse(response.body)).to.deep.equal({ detail: `Missing content-type: expected ${SUPPORTED}` });
    });

    it('no body and no content type is fine: the body is undefined', async () => {
      const response = await send(port, { method: 'POST', path: '/b/echo' });
      expect(response.status).to.equal(201);
      expect(JSON.parse(response.body)).to.deep.equal({ type: 'undefined' });
    });

    it('a content-length over the limit answers 413 at once, before the body is sent, and closes', async () => {
      // 1. Only the head is sent: the server must answer from the announced length, without waiting for bytes.
      const head = 'POST /b/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n';
      const result = await exchange(port, [head]);
      // 2. One answer, 413, and the server ends the connection (the unread body must not be parsed as a request).
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 413 Payload Too Large']);
      expect(result.text.toLowerCase()).to.include('connection: close');
      expect(result.text).to.include('{"detail":"Request body is larger than the limit of 16 bytes"}');
      expect(result.closedByServer).to.equal(true);
    });

    it('a chunked body without content-length answers 413 once past the limit, without reading the rest', async () => {
      // 1. A chunked request whose first chunk already passes the limit; the terminating chunk is never sent.
      const head = 'POST /b/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n';
      const chunk = `20\r\n${'y'.repeat(32)}\r\n`;
      const result = await exchange(port, [head, chunk], { gapMs: 20 });
      // 2. The server answers 413 and closes, rather than waiting for the rest.
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 413 Payload Too Large']);
      expect(result.text).to.include('{"detail":"Request body is larger than the limit of 16 bytes"}');
      expect(result.closedByServer).to.equal(true);
    });

    it('a chunked body within the limit is read', async () => {
      const head = 'POST /b/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n';
      const result = await exchange(port, [`${head}Connection: close\r\n\r\n`, '5\r\nhello\r\n', '0\r\n\r\n'], {
        gapMs: 10,
      });
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 201 Created']);
      expect(result.text).to.include('{"body":"hello","type":"string"}');
    });

    it('an unread body does not break keep-alive: the next request on the connection is answered', async () => {
      const ignored =
        'POST /b/ignores-body HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nGET /b/plai';
      const next = 'GET /b/plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
      const result = await exchange(port, [ignored, next], { gapMs: 20 });
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 201 Created', 'HTTP/1.1 200 OK']);
      expect(result.text).to.include('{"ignored":true}');
      expect(result.text.endsWith('plain')).to.equal(true);
    });

    it('the server keeps serving after a 413', async () => {
      const response = await send(port, { path: '/b/plain' });
      expect(response.status).to.equal(200);
      expect(response.body).to.equal('plain');
    });
  });
});
