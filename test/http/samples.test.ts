// The README's quick start is the compiled sample, and the sample app answers as the README says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';

// The compiled tests run from test/dist/http and the compiled samples live in samples/dist, so the modules are
// loaded by path at run time; the types still come from the sources, so a renamed export fails the build.
const repositoryRoot = join(__dirname, '..', '..', '..');
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');
const quickStart = require(
  join(repositoryRoot, 'samples/dist/quick-start/app'),
) as typeof import('../../samples/quick-start/app');

const JSON_TYPE = 'application/json; charset=utf-8';

/** The text of the fenced ```ts block between the quick-start markers of README.md. */
function readmeQuickStart(): string {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const begin = readme.indexOf('<!-- quick-start:begin');
  const end = readme.indexOf('<!-- quick-start:end -->');
  expect(begin, 'README.md has a quick-start:begin marker').to.be.greaterThan(-1);
  expect(end, 'README.md has a quick-start:end marker after it').to.be.greaterThan(begin);
  const block = readme.slice(begin, end).match(/\n```ts\n([\s\S]*?)```\s*$/);
  expect(block, 'the markers hold one ```ts block').to.not.equal(null);
  return block![1];
}

describe('samples', () => {
  describe('README quick start', () => {
    it('is identical to samples/quick-start/app.ts, which the build compiles', () => {
      const sample = readFileSync(join(repositoryRoot, 'samples/quick-start/app.ts'), 'utf8');
      expect(readmeQuickStart()).to.equal(sample);
    });

    it('answers as its comments say', async () => {
      const found = await quickStart.app.inject('/books/1');
      expect(found.statusCode).to.equal(200);
      expect(found.headers['content-type']).to.equal(JSON_TYPE);
      expect(found.body).to.equal('{"id":1,"title":"Dune"}');
      const missing = await quickStart.app.inject('/books/2');
      expect(missing.statusCode).to.equal(404);
      expect(missing.body).to.equal('{"detail":"Book 2 not found"}');
      const notANumber = await quickStart.app.inject('/books/abc');
      expect(notANumber.statusCode).to.equal(404);
      expect(notANumber.body).to.equal('{"detail":"Not found"}');
    });
  });

  describe('the sample app', () => {
    const app = createSampleApp({ logger: false });

    it('GET /users/1 answers the user as JSON, the id converted to a number', async () => {
      const response = await app.inject('/users/1');
      expect(response.statusCode).to.equal(200);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ id: 1, name: 'Ada Lovelace' });
    });

    it('GET /users/abc answers 404: the path does not convert to a number', async () => {
      const response = await app.inject('/users/abc');
      expect(response.statusCode).to.equal(404);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.body).to.equal('{"detail":"Not found"}');
    });

    it('GET /users/99 answers the thrown HTTPNotFound', async () => {
      const response = await app.inject('/users/99');
      expect(response.statusCode).to.equal(404);
      expect(response.body).to.equal('{"detail":"User 99 not found"}');
    });

    it('GET /users/me answers 302 to /users/1 with an empty body', async () => {
      const response = await app.inject('/users/me');
      expect(response.statusCode).to.equal(302);
      expect(response.headers.location).to.equal('/users/1');
      expect(response.body).to.equal('');
    });

    it('GET /users/1/greeting answers text', async () => {
      const response = await app.inject('/users/1/greeting');
      expect(response.statusCode).to.equal(200);
      expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
      expect(response.body).to.equal('Hello, Ada Lovelace!');
    });

    it('GET /users filters by the optional name query parameter', async () => {
      const all = await app.inject('/users');
      expect(all.json()).to.have.length(2);
      const filtered = await app.inject('/users?name=turing');
      expect(filtered.json()).to.deep.equal([{ id: 2, name: 'Alan Turing' }]);
    });

    it('GET / lists the routes it serves', async () => {
      const response = await app.inject('/');
      expect(response.statusCode).to.equal(200);
      const { routes } = response.json() as { routes: { method: string; path: string }[] };
      expect(routes).to.deep.include({ method: 'GET', path: '/users/:id', handler: 'UsersController.findOne' });
      expect(routes).to.deep.include({ method: 'GET', path: '/books/:id', handler: 'BooksController.findOne' });
    });

    it('GET / lists the WebSocket paths too, with their gateway and events', async () => {
      const response = await app.inject('/');
      const { gateways } = response.json() as { gateways: { path: string; gateway: string; events: string[] }[] };
      expect(gateways).to.deep.include({ path: '/echo', gateway: 'EchoGateway', events: [] });
      expect(gateways.find(({ path }) => path === '/rooms/:room')?.events).to.include('say');
    });
  });

  describe('the sample app: CORS, security headers, compression and static files', () => {
    const app = createSampleApp({ logger: false });

    it('answers any origin with CORS headers, errors included', async () => {
      const found = await app.inject({ url: '/users/1', headers: { origin: 'https://front.example' } });
      expect(found.headers['access-control-allow-origin']).to.equal('*');
      const missing = await app.inject({ url: '/users/99', headers: { origin: 'https://front.example' } });
      expect(missing.statusCode).to.equal(404);
      expect(missing.headers['access-control-allow-origin']).to.equal('*');
    });

    it("sends helmet's headers on every answer, and the chat page its own script-hash CSP", async () => {
      const users = await app.inject('/users/1');
      expect(users.headers['x-content-type-options']).to.equal('nosniff');
      expect(users.headers['content-security-policy']).to.include("script-src 'self'");
      expect(users.headers['content-security-policy']).to.not.include('upgrade-insecure-requests');
      const chat = await app.inject('/chat');
      expect(chat.headers['content-security-policy']).to.match(
        /^default-src 'self'; script-src 'sha256-[A-Za-z0-9+/=]+'/,
      );
    });

    it('serves samples/public under /static, compressed for a client that accepts gzip', async () => {
      const page = await app.inject('/static/hello.html');
      expect(page.statusCode).to.equal(200);
      expect(page.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(page.body).to.include('Served by serveStatic()');
      expect(page.headers.etag).to.be.a('string');
      const css = await app.inject('/static/style.css');
      expect(css.headers['content-type']).to.equal('text/css; charset=utf-8');
      const chat = await app.inject({ url: '/chat', headers: { 'accept-encoding': 'gzip' } });
      expect(chat.headers['content-encoding']).to.equal('gzip');
      expect(chat.headers.vary).to.equal('Accept-Encoding');
    });
  });
});
