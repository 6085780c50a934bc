// request.setResponseHeader / setCookie: headers recorded once go on whatever answers the request.
import {
  type CallNext,
  Catch,
  Controller,
  type CorbelRequest,
  type ExceptionFilter,
  Get,
  Header,
  HTTPNotFound,
  json,
  Post,
  Req,
  UseMiddleware,
} from '@corbel/core';
import { expect } from 'chai';
import { rawHeaderValues, send } from '../support/http-client';
import { RecordingLogger } from '../support/recording-logger';
import { useApps } from '../support/use-apps';

class Teapot extends Error {}

@Catch(Teapot)
class TeapotFilter implements ExceptionFilter<Teapot> {
  catch() {
    return json({ short: true }, 418, { 'X-Filter': 'teapot' });
  }
}

@Controller('/h')
class HeadersController {
  @Get('/result')
  result(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'abc');
    return { ok: true };
  }

  @Get('/empty')
  empty(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'empty');
  }

  @Get('/json-value')
  jsonValue(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'recorded');
    request.setResponseHeader('X-Only-Recorded', 'yes');
    return json({ ok: true }, 200, { 'x-trace': 'answer' });
  }

  @Get('/route-header')
  @Header('X-Trace', 'declared')
  declared(@Req() request: CorbelRequest) {
    request.setResponseHeader('x-trace', 'recorded');
    return 'text';
  }

  @Get('/filtered')
  filtered(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'before-throw');
    throw new Teapot();
  }

  @Get('/crash')
  crash(@Req() request: CorbelRequest) {
    request.setCookie('seen', '1');
    throw new Error('boom');
  }

  @Get('/not-found')
  notFound(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'nf');
    throw new HTTPNotFound('no such thing');
  }

  @Get('/cookies')
  cookies(@Req() request: CorbelRequest) {
    request.setCookie('a', '1', { httpOnly: true, sameSite: 'lax', path: '/' });
    request.setCookie('b', 'two words', { maxAge: 60 });
    return json({ ok: true }, 200, [['Set-Cookie', 'c=3']]);
  }

  @Get('/vary')
  vary(@Req() request: CorbelRequest) {
    request.setResponseHeader('Vary', 'Accept-Language');
    return json({ ok: true }, 200, { Vary: 'Cookie' });
  }

  @Get('/replace')
  replace(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'first');
    request.setResponseHeader('x-trace', 'second');
    request.setResponseHeader('Link', ['<a>', '<b>']);
    return { ok: true };
  }

  @Get('/bad-value')
  badValue(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Evil', 'a\r\nSet-Cookie: pwned=1');
    return { ok: true };
  }

  @Get('/bad-cookie-name')
  badCookieName(@Req() request: CorbelRequest) {
    request.setCookie('bad\r\nname', 'x');
    return { ok: true };
  }

  @Get('/framing')
  framing(@Req() request: CorbelRequest) {
    request.setResponseHeader('Content-Length', '0');
    return { ok: true };
  }

  @Get('/cookie-option-typo')
  typo(@Req() request: CorbelRequest) {
    request.setCookie('a', '1', { httpOnli: true } as never);
    return { ok: true };
  }

  @Post('/body')
  body(@Req() request: CorbelRequest) {
    request.setResponseHeader('X-Trace', 'body');
    return request.body;
  }
}

// Records a header before next(): it must reach the answers the filters make after the middleware unwound.
const outer = async (request: CorbelRequest, next: CallNext) => {
  request.setResponseHeader('X-Outer', 'yes');
  return next();
};

@Controller('/m')
@UseMiddleware(outer)
class MiddlewareController {
  @Get('/fails')
  fails(): never {
    throw new Error('inner failure');
  }

  @Get('/ok')
  ok() {
    return { ok: true };
  }
}

describe('recorded response headers', () => {
  const start = useApps();

  it('go on a handler result, an empty result and a parsed body answer', async () => {
    const { url } = await start({ controllers: [HeadersController] });
    expect((await send(url, { path: '/h/result' })).headers['x-trace']).to.equal('abc');
    const empty = await send(url, { path: '/h/empty' });
    expect(empty.status).to.equal(204);
    expect(empty.headers['x-trace']).to.equal('empty');
    const posted = await send(url, {
      method: 'POST',
      path: '/h/body',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(posted.status).to.equal(201);
    expect(posted.headers['x-trace']).to.equal('body');
  });

  it("lose to a json() value's own header of the same name, whatever its case, and add the others", async () => {
    const { url } = await start({ controllers: [HeadersController] });
    const answer = await send(url, { path: '/h/json-value' });
    expect(rawHeaderValues(answer, 'x-trace')).to.deep.equal(['answer']);
    expect(answer.headers['x-only-recorded']).to.equal('yes');
  });

  it('lose to a route @Header of the same name', async () => {
    const { url } = await start({ controllers: [HeadersController] });
    expect(rawHeaderValues(await send(url, { path: '/h/route-header' }), 'x-trace')).to.deep.equal(['declared']);
  });

  it("go on a user filter's answer, the default 404 and the default 500", async () => {
    const { url } = await start({ controllers: [HeadersController], filters: [TeapotFilter] });
    const filtered = await send(url, { path: '/h/filtered' });
    expect(filtered.status).to.equal(418);
    expect(filtered.headers['x-trace']).to.equal('before-throw');
    expect(filtered.headers['x-filter']).to.equal('teapot');
    const notFound = await send(url, { path: '/h/not-found' });
    expect(notFound.status).to.equal(404);
    expect(notFound.headers['x-trace']).to.equal('nf');
    const crash = await send(url, { path: '/h/crash' });
    expect(crash.status).to.equal(500);
    expect(rawHeaderValues(crash, 'set-cookie')).to.deep.equal(['seen=1']);
  });

  it('recorded by a middleware before next() reach the error answer made after it unwound (the X-Outer case)', async () => {
    const { url } = await start({ controllers: [MiddlewareController] });
    const failed = await send(url, { path: '/m/fails' });
    expect(failed.status).to.equal(500);
    expect(failed.headers['x-outer']).to.equal('yes');
    expect((await send(url, { path: '/m/ok' })).headers['x-outer']).to.equal('yes');
  });

  it('recorded by a global middleware reach the 404 and 405 of unmatched requests', async () => {
    const { url } = await start({ controllers: [MiddlewareController], middleware: [outer] });
    const missing = await send(url, { path: '/nowhere' });
    expect(missing.status).to.equal(404);
    expect(missing.headers['x-outer']).to.equal('yes');
    const wrongMethod = await send(url, { method: 'DELETE', path: '/m/ok' });
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.headers['x-outer']).to.equal('yes');
  });

  it('recorded by a global middleware reach a 413 (body over the limit) and a 415 (unknown content type)', async () => {
    const { url } = await start({ controllers: [HeadersController], middleware: [outer], bodyLimit: 16 });
    const tooLarge = await send(url, {
      method: 'POST',
      path: '/h/body',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(100) }),
    });
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.headers['x-outer']).to.equal('yes');
    const unsupported = await send(url, {
      method: 'POST',
      path: '/h/body',
      headers: { 'content-type': 'application/xml' },
      body: '<a/>',
    });
    expect(unsupported.status).to.equal(415);
    expect(unsupported.headers['x-outer']).to.equal('yes');
  });

  it("combine Set-Cookie with the answer's own: the recorded cookies first, in order, then the answer's", async () => {
    const { url } = await start({ controllers: [HeadersController] });
    const answer = await send(url, { path: '/h/cookies' });
    expect(rawHeaderValues(answer, 'set-cookie')).to.deep.equal([
      'a=1; Path=/; HttpOnly; SameSite=Lax',
      'b=two%20words; Max-Age=60',
      'c=3',
    ]);
  });

  it("combine Vary tokens with the answer's own", async () => {
    const { url } = await start({ controllers: [HeadersController] });
    expect(rawHeaderValues(await send(url, { path: '/h/vary' }), 'vary')).to.deep.equal(['Cookie, Accept-Language']);
  });

  it('replace an earlier recording of the same name; an array records each value', async () => {
    const { url } = await start({ controllers: [HeadersController] });
    const answer = await send(url, { path: '/h/replace' });
    expect(rawHeaderValues(answer, 'x-trace')).to.deep.equal(['second']);
    expect(rawHeaderValues(answer, 'link')).to.deep.equal(['<a>', '<b>']);
  });

  for (const [path, what] of [
    ['/h/bad-value', 'a value with CR/LF'],
    ['/h/bad-cookie-name', 'a cookie name with CR/LF'],
    ['/h/framing', 'Content-Length, which the writer owns'],
    ['/h/cookie-option-typo', 'a setCookie option cookie would ignore'],
  ]) {
    it(`refuse ${what}: a logged 500, nothing of the value on the wire`, async () => {
      const logger = new RecordingLogger();
      const { url } = await start({ controllers: [HeadersController], logger });
      const answer = await send(url, { path });
      expect(answer.status).to.equal(500);
      expect(answer.body).to.equal('{"detail":"Internal Server Error"}');
      expect(answer.headers['set-cookie']).to.equal(undefined);
      expect(JSON.stringify(answer.rawHeaders)).to.not.match(/pwned|Evil|httpOnli/i);
      expect(logger.errorsText()).to.match(/TypeError/);
    });
  }
});
