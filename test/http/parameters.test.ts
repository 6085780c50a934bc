// Parameters: where each argument comes from, required/default options, type conversion and the location order.
import {
  Body,
  Catch,
  Controller,
  Cookie,
  CorbelRequest,
  createApp,
  Get,
  Headers,
  json,
  Param,
  Post,
  Query,
  Req,
  RequestValidationError,
} from '@corbel/core';
import { expect } from 'chai';

const JSON_TYPE = 'application/json; charset=utf-8';

@Controller('/p')
class ParametersController {
  @Get('/path/:id/:slug')
  path(@Param('id') id: string, @Param('slug') slug: string, @Param() all: Record<string, string>) {
    return { id, slug, all };
  }

  @Get('/query')
  query(@Query('q') q: string, @Query() all: Record<string, unknown>) {
    return { q, all };
  }

  @Get('/headers')
  headers(@Headers('X-Api-Key') key: string, @Headers() all: Record<string, unknown>) {
    return { key, agent: all['user-agent'], lower: all['x-api-key'] };
  }

  @Get('/cookies')
  cookies(@Cookie('sid') sid: string, @Cookie() all: Record<string, string>) {
    return { sid, all };
  }

  @Post('/body')
  body(@Body() body: unknown) {
    return { body };
  }

  @Post('/body-field')
  bodyField(@Body('name') name: unknown, @Body('age') age: unknown) {
    return { name, age };
  }

  @Post('/req/:id')
  request(@Req() request: CorbelRequest) {
    return {
      isRequest: request instanceof CorbelRequest,
      method: request.method,
      url: request.url,
      path: request.path,
      params: request.params,
      query: request.query,
      header: request.headers['x-trace'],
      cookies: request.cookies,
      body: request.body,
    };
  }

  @Get('/required')
  required(@Query('x', { required: true }) x: string) {
    return { x };
  }

  @Get('/required-header')
  requiredHeader(@Headers('X-Token', { required: true }) token: string) {
    return { token };
  }

  @Get('/required-cookie')
  requiredCookie(@Cookie('sid', { required: true }) sid: string) {
    return { sid };
  }

  @Get('/defaults')
  defaults(
    @Query('page', { default: 1 }) page: number,
    @Headers('X-Lang', { default: 'en' }) lang: string,
    @Cookie('theme', { default: 'light' }) theme: string,
  ) {
    return { page, lang, theme };
  }

  @Get('/optional')
  optional(@Query('q') q?: string, @Headers('X-Opt') opt?: string, @Cookie('c') cookie?: string) {
    return { q: q === undefined, opt: opt === undefined, cookie: cookie === undefined };
  }

  @Get('/number/:id')
  numberInPath(@Param('id') id: number) {
    return { id, type: typeof id };
  }

  @Get('/number')
  numberInQuery(@Query('id') id: number) {
    return { id, type: typeof id };
  }

  @Get('/boolean')
  booleanInQuery(@Query('flag') flag: boolean) {
    return { flag, type: typeof flag };
  }

  @Get('/boolean/:flag')
  booleanInPath(@Param('flag') flag: boolean) {
    return { flag };
  }

  @Get('/string/:code')
  stringInPath(@Param('code') code: string, @Query('n') n: string) {
    return { code, n, type: typeof code };
  }

  @Get('/numeric-header')
  numericHeader(@Headers('X-Count') count: number, @Cookie('n') n: number) {
    return { count, n };
  }

  @Get('/order/:id')
  order(@Headers('X-Count') count: number, @Query('page') page: number, @Param('id') id: number) {
    return { id, page, count };
  }

  @Post('/order-body')
  orderBody(@Body('x') x: unknown, @Cookie('n') n: number) {
    return { x, n };
  }

  @Get('/many')
  many(@Query('a') a: number, @Query('b') b: boolean) {
    return { a, b };
  }
}

const app = createApp({ controllers: [ParametersController], logger: false });

/** Shows the entries a path failure carries (the default answers them with a bare 404). */
@Catch(RequestValidationError)
class ShowValidationErrors {
  catch(error: RequestValidationError) {
    return json({ in: error.in, errors: error.errors() }, 400);
  }
}
const showingApp = createApp({ controllers: [ParametersController], filters: [ShowValidationErrors], logger: false });

function numberParsing(name: string, location: string) {
  return {
    loc: [name],
    msg: 'Input should be a valid number, unable to parse string as a number',
    type: 'number_parsing',
    in: location,
  };
}

describe('parameters', () => {
  describe('sources', () => {
    it('@Param(name) gives one path parameter and @Param() all of them', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/path/7/hello-world' });
      expect(response.json()).to.deep.equal({ id: '7', slug: 'hello-world', all: { id: '7', slug: 'hello-world' } });
    });

    it('decodes percent-encoded path parameters', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/path/a%20b/caf%C3%A9' });
      expect(response.json()).to.deep.include({ id: 'a b', slug: 'café' });
    });

    it('@Query(name) gives one query parameter and @Query() the whole record, repeated keys as arrays', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/query?q=hello%20there&tag=a&tag=b' });
      expect(response.json()).to.deep.equal({ q: 'hello there', all: { q: 'hello there', tag: ['a', 'b'] } });
    });

    it('@Headers(name) is case-insensitive, and @Headers() gives every header with lower-case names', async () => {
      for (const name of ['x-api-key', 'X-API-KEY', 'X-Api-Key']) {
        const response = await app.inject({
          method: 'GET',
          url: '/p/headers',
          headers: { [name]: 'secret', 'user-agent': 'mocha' },
        });
        expect(response.json(), name).to.deep.equal({ key: 'secret', agent: 'mocha', lower: 'secret' });
      }
    });

    it('@Cookie(name) gives one cookie and @Cookie() all of them, decoded', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/p/cookies',
        headers: { cookie: 'sid=abc123; theme=dark%20blue' },
      });
      expect(response.json()).to.deep.equal({ sid: 'abc123', all: { sid: 'abc123', theme: 'dark blue' } });
    });

    it('@Cookie() is an empty record when the request has no cookie header', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/cookies' });
      expect(response.json()).to.deep.equal({ all: {} });
    });

    it('@Body() gives the whole parsed body', async () => {
      const response = await app.inject({ method: 'POST', url: '/p/body', payload: { name: 'Ada', tags: [1, 2] } });
      expect(response.statusCode).to.equal(201);
      expect(response.json()).to.deep.equal({ body: { name: 'Ada', tags: [1, 2] } });
    });

    it('@Body(field) gives one field of the body, as JSON typed it', async () => {
      const response = await app.inject({ method: 'POST', url: '/p/body-field', payload: { name: 'Ada', age: 36 } });
      expect(response.json()).to.deep.equal({ name: 'Ada', age: 36 });
    });

    it('@Req() gives the request: method, url, path, params, query, headers, cookies and body', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/p/req/42?verbose=1&tag=a&tag=b',
        headers: { 'X-Trace': 't-1', cookie: 'sid=s1' },
        payload: { hello: 'world' },
      });
      expect(response.json()).to.deep.equal({
        isRequest: true,
        method: 'POST',
        url: '/p/req/42?verbose=1&tag=a&tag=b',
        path: '/p/req/42',
        params: { id: '42' },
        query: { verbose: '1', tag: ['a', 'b'] },
        header: 't-1',
        cookies: { sid: 's1' },
        body: { hello: 'world' },
      });
    });
  });

  describe('required and default', () => {
    it('a missing required query parameter answers 422 with a "missing" entry', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/required' });
      expect(response.statusCode).to.equal(422);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal([{ loc: ['x'], msg: 'Field required', type: 'missing', in: 'query' }]);
    });

    it('a present required query parameter is passed, even when empty', async () => {
      expect((await app.inject({ method: 'GET', url: '/p/required?x=1' })).json()).to.deep.equal({ x: '1' });
      expect((await app.inject({ method: 'GET', url: '/p/required?x=' })).json()).to.deep.equal({ x: '' });
    });

    it('a missing required header answers 422 naming the lower-case header in "header"', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/required-header' });
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([
        { loc: ['x-token'], msg: 'Field required', type: 'missing', in: 'header' },
      ]);
    });

    it('a missing required cookie answers 422 in "cookie"', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/required-cookie' });
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([{ loc: ['sid'], msg: 'Field required', type: 'missing', in: 'cookie' }]);
    });

    it('a missing parameter with a default gets the default', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/defaults' });
      expect(response.json()).to.deep.equal({ page: 1, lang: 'en', theme: 'light' });
    });

    it('a present parameter with a default is converted and passed instead', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/p/defaults?page=3',
        headers: { 'x-lang': 'it', cookie: 'theme=dark' },
      });
      expect(response.json()).to.deep.equal({ page: 3, lang: 'it', theme: 'dark' });
    });

    it('a missing optional parameter is undefined', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/optional' });
      expect(response.json()).to.deep.equal({ q: true, opt: true, cookie: true });
    });
  });

  describe('conversion', () => {
    for (const [raw, expected] of [
      ['12', 12],
      ['-3.5', -3.5],
      ['0', 0],
    ] as const) {
      it(`number accepts '${raw}' as ${expected}`, async () => {
        const query = await app.inject({ method: 'GET', url: `/p/number?id=${encodeURIComponent(raw)}` });
        expect(query.json()).to.deep.equal({ id: expected, type: 'number' });
        const path = await app.inject({ method: 'GET', url: `/p/number/${encodeURIComponent(raw)}` });
        expect(path.json()).to.deep.equal({ id: expected, type: 'number' });
      });
    }

    for (const raw of ['', '12abc', ' 3', '1e999', '0x10', 'NaN', 'Infinity', '1e3']) {
      it(`number refuses '${raw}' in the query with 422 number_parsing`, async () => {
        const response = await app.inject({ method: 'GET', url: `/p/number?id=${encodeURIComponent(raw)}` });
        expect(response.statusCode).to.equal(422);
        expect(response.headers['content-type']).to.equal(JSON_TYPE);
        expect(response.json()).to.deep.equal([numberParsing('id', 'query')]);
      });
    }

    for (const raw of ['12abc', ' 3', '1e999', '0x10', 'abc']) {
      it(`number refuses '${raw}' in the path with 404 {"detail":"Not found"}`, async () => {
        const response = await app.inject({ method: 'GET', url: `/p/number/${encodeURIComponent(raw)}` });
        expect(response.statusCode).to.equal(404);
        expect(response.headers['content-type']).to.equal(JSON_TYPE);
        expect(response.body).to.equal('{"detail":"Not found"}');
      });
    }

    it("a path failure is a RequestValidationError in 'path' naming the parameter", async () => {
      const response = await showingApp.inject({ method: 'GET', url: '/p/number/12abc' });
      expect(response.json()).to.deep.equal({ in: 'path', errors: [numberParsing('id', 'path')] });
    });

    it('number conversion applies to headers and cookies as well', async () => {
      const good = await app.inject({
        method: 'GET',
        url: '/p/numeric-header',
        headers: { 'x-count': '5', cookie: 'n=-2' },
      });
      expect(good.json()).to.deep.equal({ count: 5, n: -2 });
      const badHeader = await app.inject({ method: 'GET', url: '/p/numeric-header', headers: { 'x-count': 'five' } });
      expect(badHeader.statusCode).to.equal(422);
      expect(badHeader.json()).to.deep.equal([numberParsing('x-count', 'header')]);
      const badCookie = await app.inject({ method: 'GET', url: '/p/numeric-header', headers: { cookie: 'n=two' } });
      expect(badCookie.statusCode).to.equal(422);
      expect(badCookie.json()).to.deep.equal([numberParsing('n', 'cookie')]);
    });

    for (const [raw, expected] of [
      ['true', true],
      ['false', false],
      ['1', true],
      ['0', false],
    ] as const) {
      it(`boolean accepts '${raw}' as ${expected}`, async () => {
        const response = await app.inject({ method: 'GET', url: `/p/boolean?flag=${raw}` });
        expect(response.json()).to.deep.equal({ flag: expected, type: 'boolean' });
      });
    }

    it('boolean refuses anything else: 422 in the query, 404 in the path', async () => {
      for (const raw of ['yes', '', '2']) {
        const response = await app.inject({ method: 'GET', url: `/p/boolean?flag=${raw}` });
        expect(response.statusCode, raw).to.equal(422);
        const [entry] = response.json();
        expect(entry, raw).to.include({ type: 'bool_parsing', in: 'query' });
        expect(entry.loc, raw).to.deep.equal(['flag']);
      }
      const path = await app.inject({ method: 'GET', url: '/p/boolean/yes' });
      expect(path.statusCode).to.equal(404);
      expect(path.body).to.equal('{"detail":"Not found"}');
    });

    it('a repeated query key declared as a number answers 422 multiple_values', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/number?id=1&id=2' });
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([
        { loc: ['id'], msg: 'Input should be a single value, got 2 values', type: 'multiple_values', in: 'query' },
      ]);
    });

    it('string is passed as is: no trimming, no number parsing', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/string/007?n=%20x%20' });
      expect(response.json()).to.deep.equal({ code: '007', n: ' x ', type: 'string' });
    });

    it('reports every failure of one location at once', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/many?a=x&b=maybe' });
      expect(response.statusCode).to.equal(422);
      const entries = response.json() as { loc: string[]; type: string; in: string }[];
      expect(entries.map(({ loc, type, in: location }) => [loc, type, location])).to.deep.equal([
        [['a'], 'number_parsing', 'query'],
        [['b'], 'bool_parsing', 'query'],
      ]);
    });
  });

  describe('location order: path, query, header, cookie, body', () => {
    it('a request bad in both path and query reports the path (404)', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/p/order/abc?page=x',
        headers: { 'x-count': 'y' },
      });
      expect(response.statusCode).to.equal(404);
      expect(response.body).to.equal('{"detail":"Not found"}');
    });

    it('a request bad in query and header reports only the query', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/order/1?page=x', headers: { 'x-count': 'y' } });
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([numberParsing('page', 'query')]);
    });

    it('a request bad only in a header reports the header', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/order/1?page=2', headers: { 'x-count': 'y' } });
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([numberParsing('x-count', 'header')]);
    });

    it('a request bad in a cookie and the body reports the cookie, and the body comes last', async () => {
      const both = await app.inject({
        method: 'POST',
        url: '/p/order-body',
        headers: { cookie: 'n=two', 'content-type': 'text/plain' },
        payload: 'not an object',
      });
      expect(both.statusCode).to.equal(422);
      expect(both.json()).to.deep.equal([numberParsing('n', 'cookie')]);
      const bodyOnly = await app.inject({
        method: 'POST',
        url: '/p/order-body',
        headers: { cookie: 'n=2', 'content-type': 'text/plain' },
        payload: 'not an object',
      });
      expect(bodyOnly.statusCode).to.equal(422);
      expect(bodyOnly.json()).to.deep.equal([
        { loc: [], msg: 'Input should be an object', type: 'object_type', in: 'body' },
      ]);
    });

    it('a request good everywhere reaches the handler with converted values', async () => {
      const response = await app.inject({ method: 'GET', url: '/p/order/1?page=2', headers: { 'x-count': '3' } });
      expect(response.statusCode).to.equal(200);
      expect(response.json()).to.deep.equal({ id: 1, page: 2, count: 3 });
    });
  });
});
