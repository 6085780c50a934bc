// serveStatic: files from a folder with caching headers, ranges and HEAD; routes first; fallthrough.
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { type AppOptions, Controller, Get, serveStatic } from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { makeSite } from '../support/static-site';
import { useApps } from '../support/use-apps';

@Controller()
class ApiController {
  @Get('/api/users')
  users() {
    return [{ id: 1 }];
  }

  @Get('/hello.txt')
  shadow() {
    return 'from the route';
  }
}

describe('static files', () => {
  const start = useApps();
  const site = makeSite();
  after(() => site.cleanup());
  const app = (options: Partial<Parameters<typeof serveStatic>[0]> = {}, extra: AppOptions = {}) =>
    start({ controllers: [ApiController], plugins: [serveStatic({ root: site.root, ...options })], ...extra });

  it('serves a file with its content type, length, ETag, Last-Modified and Cache-Control', async () => {
    const { url } = await app({ maxAge: 60_000, immutable: true });
    const answer = await send(url, { path: '/data.json' });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.equal('{"a":1}');
    expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(answer.headers['content-length']).to.equal('7');
    expect(answer.headers.etag).to.match(/^W\/"/);
    expect(answer.headers['last-modified']).to.be.a('string');
    expect(answer.headers['cache-control']).to.equal('public, max-age=60, immutable');
  });

  it('answers If-None-Match and If-Modified-Since with 304 and no body', async () => {
    const { url } = await app();
    const file = await send(url, { path: '/data.json' });
    const byTag = await send(url, { path: '/data.json', headers: { 'if-none-match': String(file.headers.etag) } });
    expect(byTag.status).to.equal(304);
    expect(byTag.body).to.equal('');
    const byDate = await send(url, {
      path: '/data.json',
      headers: { 'if-modified-since': String(file.headers['last-modified']) },
    });
    expect(byDate.status).to.equal(304);
  });

  it('answers a Range with 206 and Content-Range, an impossible one with 416', async () => {
    const { url } = await app();
    const part = await send(url, { path: '/digits.txt', headers: { range: 'bytes=2-4' } });
    expect(part.status).to.equal(206);
    expect(part.body).to.equal('234');
    expect(part.headers['content-range']).to.equal('bytes 2-4/10');
    const impossible = await send(url, { path: '/digits.txt', headers: { range: 'bytes=50-60' } });
    expect(impossible.status).to.equal(416);
    expect(impossible.headers['content-range']).to.equal('bytes */10');
  });

  it('answers HEAD with the headers and no body', async () => {
    const { url } = await app();
    const answer = await send(url, { method: 'HEAD', path: '/digits.txt' });
    expect(answer.status).to.equal(200);
    expect(answer.headers['content-length']).to.equal('10');
    expect(answer.body).to.equal('');
  });

  it('serves index.html for / and for a folder, and redirects a folder without its slash', async () => {
    const { url } = await app();
    expect((await send(url, { path: '/' })).body).to.equal('<h1>home</h1>');
    expect((await send(url, { path: '/docs/' })).body).to.equal('<h1>docs</h1>');
    const bare = await send(url, { path: '/docs' });
    expect(bare.status).to.equal(301);
    expect(bare.headers.location).to.equal('/docs/');
  });

  it('lets routes win over files, and keeps a 405 for a path a route serves', async () => {
    const { url } = await app();
    expect((await send(url, { path: '/hello.txt' })).body).to.equal('from the route');
    expect((await send(url, { path: '/api/users' })).body).to.equal('[{"id":1}]');
    expect((await send(url, { method: 'POST', path: '/api/users' })).status).to.equal(405);
  });

  it('serves under a prefix, redirecting the bare prefix to its slash', async () => {
    const { url } = await app({ prefix: '/assets' });
    expect((await send(url, { path: '/assets/data.json' })).body).to.equal('{"a":1}');
    expect((await send(url, { path: '/data.json' })).status).to.equal(404);
    const bare = await send(url, { path: '/assets' });
    expect(bare.status).to.equal(301);
    expect(bare.headers.location).to.equal('/assets/');
    expect((await send(url, { path: '/assets/' })).body).to.equal('<h1>home</h1>');
    expect((await send(url, { path: '/assetsX/data.json' })).status).to.equal(404);
  });

  it('passes a missing file and other methods on (404, 405 stays the app’s) with fallthrough, answers itself without', async () => {
    const through = await app();
    const missing = await send(through.url, { path: '/missing.txt' });
    expect(missing.status).to.equal(404);
    expect(JSON.parse(missing.body)).to.deep.equal({ detail: 'Not found' });
    expect((await send(through.url, { method: 'POST', path: '/data.json' })).status).to.equal(404);
    const strict = await app({ fallthrough: false, prefix: '/files' });
    const absent = await send(strict.url, { path: '/files/missing.txt' });
    expect(absent.status).to.equal(404);
    expect(JSON.parse(absent.body)).to.deep.equal({ detail: 'Not found' });
    const posted = await send(strict.url, { method: 'POST', path: '/files/data.json' });
    expect(posted.status).to.equal(405);
    expect(posted.headers.allow).to.equal('GET, HEAD');
  });

  it('follows dotfiles: ignore (404, the default), deny (403 without fallthrough), allow', async () => {
    expect((await send((await app()).url, { path: '/.env' })).status).to.equal(404);
    expect((await send((await app({ dotfiles: 'deny', fallthrough: false })).url, { path: '/.env' })).status).to.equal(
      403,
    );
    const allowed = await send((await app({ dotfiles: 'allow' })).url, { path: '/.env' });
    expect(allowed.body).to.equal('SECRET=1');
  });

  it('follows a symlink that stays inside the root', async () => {
    const { url } = await app();
    expect((await send(url, { path: '/link-in.txt' })).body).to.equal('hello from the file');
  });

  it('gets compressed, security headers and CORS like any answer', async () => {
    const { url } = await app({}, { compression: true, securityHeaders: true, cors: true });
    const answer = await send(url, {
      path: '/app.js',
      headers: { 'accept-encoding': 'gzip', origin: 'https://x.example' },
    });
    expect(answer.headers['content-encoding']).to.equal('gzip');
    expect(answer.headers['content-length']).to.equal(undefined);
    expect(answer.headers['x-content-type-options']).to.equal('nosniff');
    expect(answer.headers['access-control-allow-origin']).to.equal('*');
    const raw = await new Promise<Buffer>((resolve, reject) => {
      get(`${url}/app.js`, { headers: { 'accept-encoding': 'gzip' }, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(gunzipSync(raw).toString('utf8')).to.match(/^console\.log\("x+"\);$/);
  });
});
