// Hostile URLs and headers: overlong, badly encoded, NUL bytes, huge queries and headers get a clear 4xx.
import { Controller, createApp, Get, Headers, Param, Query, type QueryRecord } from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { exchange, rawBody, rawStatus } from '../support/raw-socket';
import { RecordingLogger } from '../support/recording-logger';
import { HealthController, type Served, serve } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

@Controller('/users')
class UsersController {
  @Get('/:id')
  findOne(@Param('id') id: number) {
    return { id };
  }
}

@Controller('/search')
class SearchController {
  @Get()
  search(@Query('n') n: number) {
    return { n };
  }

  @Get('/all')
  all(@Query() query: QueryRecord) {
    return { keys: Object.keys(query).length, admin: (query as { admin?: unknown }).admin ?? null };
  }

  @Get('/header')
  header(@Headers('x-token') token?: string) {
    return { length: token?.length ?? 0 };
  }
}

const NOT_FOUND = { detail: 'Not found' };

describe('hostile URLs, queries and headers', () => {
  let served: Served;
  const logger = new RecordingLogger();

  before(async () => {
    served = await serve(createApp({ controllers: [HealthController, UsersController, SearchController], logger }));
  });
  after(() => served.app.close());
  afterEach(() => {
    expect(logger.errorsText(), 'nothing was logged as an error').to.equal('');
  });
  guardProcess(() => expectServing(served.url));

  function get(path: string, headers?: Record<string, string>) {
    return send(served.url, { path, headers });
  }

  function requestLine(target: string, extraHeaders = ''): string {
    return `GET ${target} HTTP/1.1\r\nHost: x\r\n${extraHeaders}Connection: close\r\n\r\n`;
  }

  describe('URLs', () => {
    it('answers 404 to a 10 KB path on no route', async () => {
      const answer = await get(`/${'a'.repeat(10_000)}`);
      expect(answer.status).to.equal(404);
      expect(JSON.parse(answer.body)).to.deep.equal(NOT_FOUND);
    });

    it('answers 404 to a path parameter longer than the router accepts', async () => {
      const answer = await get(`/users/${'1'.repeat(5_000)}`);
      expect(answer.status).to.equal(404);
      expect(JSON.parse(answer.body)).to.deep.equal(NOT_FOUND);
    });

    it('answers 431 (from node, before any handler) to a 100 KB URL', async () => {
      const { text, closedByServer } = await exchange(served.url, [requestLine(`/users/${'1'.repeat(100_000)}`)]);
      expect(rawStatus(text)).to.equal(431);
      expect(closedByServer).to.equal(true);
    });

    it("answers 400 'Malformed percent-encoding in the URL path' on an unmatched path that does not decode", async () => {
      const answer = await get('/files/%E0%A4%A');
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal({ detail: 'Malformed percent-encoding in the URL path' });
    });

    it('answers the same 400 to /users/%E0%A4%A where /users/:id is declared (the router does not match it)', async () => {
      const answer = await get('/users/%E0%A4%A');
      expect(answer.status).to.equal(400);
      expect(JSON.parse(answer.body)).to.deep.equal({ detail: 'Malformed percent-encoding in the URL path' });
    });

    it('answers 404 to an encoded NUL in a number path parameter', async () => {
      const answer = await get('/users/%00');
      expect(answer.status).to.equal(404);
      expect(JSON.parse(answer.body)).to.deep.equal(NOT_FOUND);
    });

    it('answers 404 to an encoded NUL in an unknown path', async () => {
      const answer = await get('/files/a%00b');
      expect(answer.status).to.equal(404);
      expect(JSON.parse(answer.body)).to.deep.equal(NOT_FOUND);
    });

    it('answers 400 (from node) to a raw NUL byte in the request target', async () => {
      const { text, closedByServer } = await exchange(served.url, [requestLine('/users/1\u00002')]);
      expect(rawStatus(text)).to.equal(400);
      expect(closedByServer).to.equal(true);
    });

    it('answers 400 (from node) to a request line that is not HTTP', async () => {
      const { text, closedByServer } = await exchange(served.url, ['HELLO\r\n\r\n']);
      expect(rawStatus(text)).to.equal(400);
      expect(closedByServer).to.equal(true);
    });
  });

  describe('query strings', () => {
    it('serves a query with 10,000 distinct keys (in-process, past the header size limit)', async () => {
      const query = Array.from({ length: 10_000 }, (_, index) => `k${index}=${index}`).join('&');
      const answer = await served.app.inject({ method: 'GET', url: `/search/all?${query}` });
      expect(answer.statusCode).to.equal(200);
      expect(answer.json()).to.deep.equal({ keys: 10_000, admin: null });
    });

    it('answers 431 to a 10,000-key query over a socket, as node limits the request head to 16 KB', async () => {
      const query = Array.from({ length: 10_000 }, (_, index) => `k${index}=${index}`).join('&');
      const { text } = await exchange(served.url, [requestLine(`/search/all?${query}`)]);
      expect(rawStatus(text)).to.equal(431);
    });

    it('answers 422 multiple_values to a number parameter repeated 10,000 times', async () => {
      const query = Array.from({ length: 10_000 }, () => 'n=1').join('&');
      const answer = await served.app.inject({ method: 'GET', url: `/search?${query}` });
      expect(answer.statusCode).to.equal(422);
      expect(answer.json()).to.deep.equal([
        { loc: ['n'], msg: 'Input should be a single value, got 10000 values', type: 'multiple_values', in: 'query' },
      ]);
    });

    it('answers 422 multiple_values to a number parameter given twice', async () => {
      const answer = await get('/search?n=1&n=2');
      expect(answer.status).to.equal(422);
      expect(JSON.parse(answer.body)).to.deep.equal([
        { loc: ['n'], msg: 'Input should be a single value, got 2 values', type: 'multiple_values', in: 'query' },
      ]);
    });

    it('keeps __proto__ query keys as data: Object.prototype stays clean', async () => {
      const answer = await get('/search/all?__proto__[admin]=1&__proto__=x&constructor[prototype][admin]=1');
      expect(answer.status).to.equal(200);
      expect(JSON.parse(answer.body)).to.deep.equal({ keys: 3, admin: null });
      expect(({} as { admin?: unknown }).admin).to.equal(undefined);
    });

    it('answers 422 to a query value that does not decode', async () => {
      const answer = await get('/search?n=%E0%A4%A');
      expect(answer.status).to.equal(422);
      expect(JSON.parse(answer.body)).to.deep.equal([
        {
          loc: ['n'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          type: 'number_parsing',
          in: 'query',
        },
      ]);
    });
  });

  describe('headers', () => {
    it('answers 431 (from node) to a 100 KB header value, and closes the connection', async () => {
      const { text, closedByServer } = await exchange(served.url, [
        requestLine('/search/header', `X-Token: ${'t'.repeat(100_000)}\r\n`),
      ]);
      expect(rawStatus(text)).to.equal(431);
      expect(rawBody(text)).to.equal('');
      expect(closedByServer).to.equal(true);
    });

    it('answers 431 to 2,000 small headers that add up past the limit', async () => {
      const headers = Array.from({ length: 2_000 }, (_, index) => `X-H${index}: value\r\n`).join('');
      const { text } = await exchange(served.url, [requestLine('/search/header', headers)]);
      expect(rawStatus(text)).to.equal(431);
    });

    it('serves a header value just under the limit', async () => {
      const answer = await get('/search/header', { 'x-token': 't'.repeat(10_000) });
      expect(answer.status).to.equal(200);
      expect(JSON.parse(answer.body)).to.deep.equal({ length: 10_000 });
    });

    it('answers 400 (from node) to a header value with a bare CR', async () => {
      const { text } = await exchange(served.url, [requestLine('/search/header', 'X-Token: a\rb\r\n')]);
      expect(rawStatus(text)).to.equal(400);
    });
  });
});
