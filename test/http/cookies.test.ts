// Signed cookies: setCookie({ signed }) with the app's secrets, @Cookie(name, { signed }) reading only what checks.

import { Controller, Cookie, type CorbelRequest, Get, Req } from '@corbel/core';
import { expect } from 'chai';
import { sign } from 'cookie-signature';
import { rawHeaderValues, send } from '../support/http-client';
import { useApps } from '../support/use-apps';

@Controller('/session')
class SessionController {
  @Get('/login')
  login(@Req() request: CorbelRequest) {
    request.setCookie('uid', '42', { signed: true, httpOnly: true, path: '/' });
    request.setCookie('theme', 'dark');
    return { ok: true };
  }

  @Get('/me')
  me(@Cookie('uid', { signed: true, required: true }) uid: string) {
    return { uid };
  }

  @Get('/maybe')
  maybe(@Cookie('uid', { signed: true }) uid: string | undefined, @Cookie('uid') raw: string | undefined) {
    return { uid: uid ?? null, raw: raw ?? null };
  }

  @Get('/numeric')
  numeric(@Cookie('uid', { signed: true }) uid: number) {
    return { uid };
  }

  @Get('/all')
  all(@Req() request: CorbelRequest) {
    return request.signedCookies;
  }

  @Get('/unsigned-app')
  unsignedApp(@Req() request: CorbelRequest) {
    request.setCookie('uid', '1', { signed: true });
    return { ok: true };
  }
}

@Controller('/plain')
class PlainController {
  @Get('/login')
  login(@Req() request: CorbelRequest) {
    request.setCookie('uid', '1', { signed: true });
    return { ok: true };
  }
}

function cookieValue(setCookie: string): string {
  return setCookie.split(';')[0].split('=').slice(1).join('=');
}

describe('signed cookies', () => {
  const start = useApps();

  it('are signed with the first secret and read back by @Cookie(name, { signed: true })', async () => {
    const { url } = await start({ controllers: [SessionController], cookies: { secret: 'first-secret' } });
    const login = await send(url, { path: '/session/login' });
    const [uid, theme] = rawHeaderValues(login, 'set-cookie');
    expect(uid).to.match(/^uid=42\.[A-Za-z0-9%+/]+; Path=\/; HttpOnly$/);
    expect(decodeURIComponent(cookieValue(uid))).to.equal(sign('42', 'first-secret'));
    expect(theme).to.equal('theme=dark');
    const me = await send(url, { path: '/session/me', headers: { cookie: `uid=${cookieValue(uid)}` } });
    expect(me.status).to.equal(200);
    expect(JSON.parse(me.body)).to.deep.equal({ uid: '42' });
    const numeric = await send(url, { path: '/session/numeric', headers: { cookie: `uid=${cookieValue(uid)}` } });
    expect(JSON.parse(numeric.body)).to.deep.equal({ uid: 42 });
  });

  it('rotate: signed with the first secret, accepted when any listed secret signed them', async () => {
    const { url } = await start({
      controllers: [SessionController],
      cookies: { secret: ['new-secret', 'old-secret'] },
    });
    const login = await send(url, { path: '/session/login' });
    expect(decodeURIComponent(cookieValue(rawHeaderValues(login, 'set-cookie')[0]))).to.equal(sign('42', 'new-secret'));
    const old = encodeURIComponent(sign('7', 'old-secret'));
    expect(
      JSON.parse((await send(url, { path: '/session/me', headers: { cookie: `uid=${old}` } })).body),
    ).to.deep.equal({
      uid: '7',
    });
    const retired = encodeURIComponent(sign('7', 'retired-secret'));
    expect((await send(url, { path: '/session/me', headers: { cookie: `uid=${retired}` } })).status).to.equal(422);
  });

  const hostile: [string, string][] = [
    ['a tampered value', `uid=${encodeURIComponent(sign('42', 'first-secret').replace(/^42/, '43'))}`],
    ['a tampered signature', `uid=${encodeURIComponent(`${sign('42', 'first-secret').slice(0, -2)}AA`)}`],
    ['an unsigned value', 'uid=42'],
    ['a signature for another secret', `uid=${encodeURIComponent(sign('42', 'guessed'))}`],
    ['an empty value', 'uid='],
    ['only a dot', 'uid=.'],
    ['a signature without a value', `uid=${encodeURIComponent(sign('', 'first-secret').slice(0))}x`],
    ['a truncated signature', `uid=${encodeURIComponent(sign('42', 'first-secret').slice(0, 10))}`],
    ['a CR/LF-encoded value', `uid=${encodeURIComponent('42\r\nSet-Cookie: admin=1')}`],
    ['a huge value', `uid=${'9'.repeat(4000)}.${'A'.repeat(43)}`],
  ];
  for (const [what, cookie] of hostile) {
    it(`treat ${what} as missing: required answers 422 'missing', optional reads undefined`, async () => {
      const { url } = await start({ controllers: [SessionController], cookies: { secret: 'first-secret' } });
      const me = await send(url, { path: '/session/me', headers: { cookie } });
      expect(me.status).to.equal(422);
      expect(JSON.parse(me.body)).to.deep.equal([
        { loc: ['uid'], msg: 'Field required', type: 'missing', in: 'cookie' },
      ]);
      const maybe = await send(url, { path: '/session/maybe', headers: { cookie } });
      expect(maybe.status).to.equal(200);
      expect(JSON.parse(maybe.body).uid).to.equal(null);
      expect(JSON.parse((await send(url, { path: '/session/all', headers: { cookie } })).body)).to.deep.equal({});
    });
  }

  it('keep CR/LF of a value out of the header: it is percent-encoded', async () => {
    @Controller('/crlf')
    class CrlfController {
      @Get()
      set(@Req() request: CorbelRequest) {
        request.setCookie('note', 'a\r\nSet-Cookie: admin=1', { signed: true });
        return { ok: true };
      }
    }
    const { url } = await start({ controllers: [CrlfController], cookies: { secret: 's' } });
    const answer = await send(url, { path: '/crlf' });
    expect(answer.status).to.equal(200);
    const cookies = rawHeaderValues(answer, 'set-cookie');
    expect(cookies).to.have.length(1);
    expect(cookies[0]).to.match(/^note=a%0D%0ASet-Cookie%3A%20admin%3D1\./);
  });

  it('setCookie({ signed: true }) in an app without a secret is a logged 500', async () => {
    const { url } = await start({ controllers: [PlainController] });
    const answer = await send(url, { path: '/plain/login' });
    expect(answer.status).to.equal(500);
    expect(answer.headers['set-cookie']).to.equal(undefined);
  });
});
