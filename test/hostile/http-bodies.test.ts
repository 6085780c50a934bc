// Hostile request bodies: broken JSON, prototype poisoning, oversized and mistyped bodies get precise 4xx answers.
import { Body, Controller, createApp, Post } from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { collect, openSocket, rawBody, rawStatus } from '../support/raw-socket';
import { HealthController, ItemDto, type Served, serve } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

@Controller('/echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown) {
    return { body };
  }
}

@Controller('/items')
class ItemsController {
  @Post()
  create(@Body() item: ItemDto) {
    return item;
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('hostile request bodies', () => {
  let served: Served;

  before(async () => {
    served = await serve(
      createApp({ controllers: [HealthController, EchoController, ItemsController], logger: false }),
    );
  });
  after(() => served.app.close());
  guardProcess(() => expectServing(served.url));

  function post(path: string, body: string | Buffer, headers: Record<string, string> = JSON_HEADERS) {
    return send(served.url, { method: 'POST', path, headers, body });
  }

  describe('malformed JSON', () => {
    it('answers 400 naming the syntax error for malformed JSON', async () => {
      const answer = await post('/echo', '{name: "x"}');
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal({
        detail: "Invalid JSON body: Expected property name or '}' in JSON at position 1",
      });
    });

    it('answers 400 for truncated JSON', async () => {
      const answer = await post('/echo', '{"name": "x", "tags": [1, 2');
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal({
        detail: "Invalid JSON body: Expected ',' or ']' after array element in JSON at position 27",
      });
    });

    it('answers 400 for a JSON body that starts with a UTF-8 byte order mark', async () => {
      const answer = await post('/echo', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal({
        detail: 'Invalid JSON body: it starts with a byte order mark (U+FEFF); send UTF-8 without it',
      });
    });

    it('answers 400 for a body that is not valid UTF-8', async () => {
      const answer = await post('/echo', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]));
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal({ detail: 'Request body is not valid UTF-8' });
    });
  });

  describe('prototype poisoning', () => {
    const forbidden = { detail: 'Invalid JSON body: Object contains forbidden prototype property' };
    const poisoned: [string, string][] = [
      ['a top-level __proto__', '{"__proto__": {"admin": true}}'],
      ['a nested __proto__', '{"user": {"profile": {"__proto__": {"admin": true}}}}'],
      ['a __proto__ spelled with unicode escapes', '{"\\u005f_proto__": {"admin": true}}'],
      ['constructor.prototype', '{"constructor": {"prototype": {"admin": true}}}'],
      ['a nested constructor.prototype', '[{"constructor": {"prototype": {"admin": true}}}]'],
    ];

    afterEach(() => {
      expect(({} as { admin?: unknown }).admin, 'Object.prototype was not polluted').to.equal(undefined);
      expect(Object.prototype).to.not.have.own.property('admin');
    });

    for (const [what, body] of poisoned) {
      it(`answers 400 to a JSON body with ${what}, and Object.prototype stays clean`, async () => {
        const answer = await post('/echo', body);
        expect(answer.status).to.equal(400);
        expect(JSON.parse(answer.body)).to.deep.equal(forbidden);
      });
    }

    it('answers 400 to a poisoned body on a DTO route before validation runs', async () => {
      const answer = await post('/items', '{"name": "x", "quantity": 1, "__proto__": {"admin": true}}');
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal(forbidden);
    });

    it('accepts a harmless "constructor" field as plain data', async () => {
      const answer = await post('/echo', '{"constructor": "x"}');
      expect(answer.status).to.equal(201);
      expect(JSON.parse(answer.body)).to.deep.equal({ body: { constructor: 'x' } });
    });

    it('keeps __proto__ keys of a form body as plain data, never as a prototype', async () => {
      const answer = await post('/echo', '__proto__=x&__proto__[admin]=true&constructor[prototype][admin]=true', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(answer.status).to.equal(201);
      expect(JSON.parse(answer.body)).to.deep.equal({
        body: { ['__proto__']: 'x', '__proto__[admin]': 'true', 'constructor[prototype][admin]': 'true' },
      });
    });
  });

  describe('whitelist validation', () => {
    it('strips properties the DTO does not declare', async () => {
      const answer = await post('/items', '{"name": "bolt", "quantity": 3, "isAdmin": true}');
      expect(answer.status).to.equal(201);
      expect(JSON.parse(answer.body)).to.deep.equal({ name: 'bolt', quantity: 3 });
    });
  });

  describe('body size limit (1 MiB by default)', () => {
    const tooLarge = { detail: 'Request body is larger than the limit of 1048576 bytes' };

    it('answers 413 at once to a content-length over the limit, and closes the connection', async () => {
      const socket = await openSocket(served.url);
      const exchange = collect(socket);
      // 1. Only the headers are sent: the answer must not wait for a body that is never read.
      socket.write(
        'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n',
      );
      const { text, closedByServer } = await exchange;
      expect(rawStatus(text)).to.equal(413);
      expect(text.toLowerCase()).to.include('connection: close');
      expect(JSON.parse(rawBody(text))).to.deep.equal(tooLarge);
      expect(closedByServer).to.equal(true);
    });

    it('answers 413 to 50 MB sent chunked without a length, without buffering it, and closes the socket', async () => {
      const socket = await openSocket(served.url);
      const exchange = collect(socket, { timeoutMs: 10_000 });
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      socket.write(
        'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      let sent = 0;
      let open = true;
      socket.once('close', () => {
        open = false;
      });
      // 1. Write 50 MB with backpressure, so the client side holds at most a few frames in memory.
      while (open && sent < 50 * 1024 * 1024) {
        const flushed = socket.write(frame);
        sent += chunk.length;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (!flushed) {
          await new Promise<void>((resolve) => {
            const done = () => {
              socket.off('drain', done);
              socket.off('close', done);
              resolve();
            };
            socket.on('drain', done);
            socket.on('close', done);
          });
        }
      }
      // 2. The server answered 413 and ended the connection long before 50 MB went through.
      const { text, closedByServer } = await exchange;
      expect(rawStatus(text)).to.equal(413);
      expect(closedByServer).to.equal(true);
      expect(sent, 'bytes the client managed to write').to.be.below(50 * 1024 * 1024);
      const growth = peakRss - rssBefore;
      expect(growth, `RSS growth ${(growth / 1048576).toFixed(1)} MiB`).to.be.below(16 * 1024 * 1024);
    });

    it('accepts a body just under the limit', async () => {
      const text = 'a'.repeat(1024 * 1024 - 20);
      const answer = await post('/echo', JSON.stringify({ text }));
      expect(answer.status).to.equal(201);
      expect(JSON.parse(answer.body).body.text).to.have.length(text.length);
    });

    it('honours a smaller bodyLimit option', async () => {
      const small = await serve(
        createApp({ controllers: [HealthController, EchoController], logger: false, bodyLimit: 10 }),
      );
      try {
        const answer = await send(small.url, {
          method: 'POST',
          path: '/echo',
          headers: { ...JSON_HEADERS, 'transfer-encoding': 'chunked' },
          body: '{"a": "0123456789"}',
        });
        expect(answer.status).to.equal(413);
        expect(JSON.parse(answer.body)).to.deep.equal({ detail: 'Request body is larger than the limit of 10 bytes' });
      } finally {
        await small.app.close();
      }
    });
  });

  describe('content types', () => {
    const supported = 'application/json, application/x-www-form-urlencoded or text/plain';

    it('answers 415 to an unsupported content type on a body route', async () => {
      const answer = await post('/items', '<item/>', { 'content-type': 'application/xml' });
      expect(answer.status).to.equal(415);
      expect(JSON.parse(answer.body)).to.deep.equal({
        detail: `Unsupported content-type 'application/xml': expected ${supported}`,
      });
    });

    it('answers 415 to a body sent without a content type', async () => {
      const answer = await post('/items', '{"name": "x", "quantity": 1}', {});
      expect(answer.status).to.equal(415);
      expect(JSON.parse(answer.body)).to.deep.equal({ detail: `Missing content-type: expected ${supported}` });
    });

    it('answers 415 to a charset other than UTF-8', async () => {
      const answer = await post('/items', '{"name": "x", "quantity": 1}', {
        'content-type': 'application/json; charset=latin1',
      });
      expect(answer.status).to.equal(415);
      expect(JSON.parse(answer.body)).to.deep.equal({ detail: "Unsupported charset 'latin1': expected utf-8" });
    });

    it('answers 415 to a content type header that does not parse', async () => {
      const answer = await post('/items', '{"name": "x", "quantity": 1}', { 'content-type': ';;;' });
      expect(answer.status).to.equal(415);
    });
  });

  describe('missing bodies', () => {
    const notAnObject = [{ loc: [], msg: 'Input should be an object', type: 'object_type', in: 'body' }];

    it('answers 422 to an empty body where a DTO is expected', async () => {
      const answer = await send(served.url, { method: 'POST', path: '/items', headers: JSON_HEADERS });
      expect(answer.status).to.equal(422);
      expect(JSON.parse(answer.body)).to.deep.equal(notAnObject);
    });

    it('answers 422 to a JSON null, an array or a string where a DTO is expected', async () => {
      for (const body of ['null', '[]', '"item"', '42']) {
        const answer = await post('/items', body);
        expect(answer.status, body).to.equal(422);
        expect(JSON.parse(answer.body), body).to.deep.equal(notAnObject);
      }
    });
  });
});
