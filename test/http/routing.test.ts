// Routing: prefixes, every method decorator, HEAD for GET, trailing slashes, 404, 405, @HttpCode and @Header.
import {
  All,
  type App,
  Controller,
  createApp,
  Delete,
  Get,
  Head,
  Header,
  HttpCode,
  Options,
  Param,
  Patch,
  Post,
  Put,
} from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';

const JSON_TYPE = 'application/json; charset=utf-8';

@Controller('/users')
class UsersController {
  @Get()
  list() {
    return [{ id: 1 }];
  }

  @Get('/:id')
  findOne(@Param('id') id: string) {
    return { id };
  }

  @Get('/:id/posts/:postId')
  post(@Param('id') id: string, @Param('postId') postId: string) {
    return { id, postId };
  }

  @Post()
  create() {
    return { created: true };
  }

  @Put('/:id')
  replace(@Param('id') id: string) {
    return { replaced: id };
  }

  @Patch('/:id')
  update(@Param('id') id: string) {
    return { updated: id };
  }

  @Delete('/:id')
  remove(@Param('id') id: string) {
    return { removed: id };
  }

  @Options()
  describe() {
    return { methods: ['GET', 'POST'] };
  }
}

@Controller('books/')
class SlashedController {
  @Get('list/')
  list() {
    return 'books';
  }
}

@Controller()
class RootController {
  @Get()
  home() {
    return 'home';
  }

  @Get('/health')
  health() {
    return { ok: true };
  }

  @Head('/ping')
  pingHead() {
    return undefined;
  }

  @Get('/ping')
  ping() {
    return 'pong';
  }

  @All('/echo')
  echo() {
    return { echoed: true };
  }

  @Get('/accepted')
  @HttpCode(202)
  accepted() {
    return { queued: true };
  }

  @Post('/quiet')
  @HttpCode(200)
  quiet() {
    return { ok: true };
  }

  @Post('/nothing')
  @HttpCode(202)
  nothing() {
    return undefined;
  }

  @Get('/cached')
  @Header('Cache-Control', 'max-age=60')
  @Header('X-Served-By', 'corbel')
  cached() {
    return 'fresh';
  }

  @Get('/cached-json')
  @Header('Cache-Control', 'no-store')
  cachedJson() {
    return { fresh: true };
  }
}

function buildApp(): App {
  return createApp({ controllers: [UsersController, SlashedController, RootController], logger: false });
}

describe('routing', () => {
  const app = buildApp();

  describe('paths', () => {
    it('joins the @Controller prefix and the route path', async () => {
      const response = await app.inject({ method: 'GET', url: '/users/7' });
      expect(response.statusCode).to.equal(200);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ id: '7' });
    });

    it('serves @Get() at the prefix itself', async () => {
      const response = await app.inject({ method: 'GET', url: '/users' });
      expect(response.statusCode).to.equal(200);
      expect(response.json()).to.deep.equal([{ id: 1 }]);
    });

    it('binds several path parameters', async () => {
      const response = await app.inject({ method: 'GET', url: '/users/3/posts/9' });
      expect(response.json()).to.deep.equal({ id: '3', postId: '9' });
    });

    it('joins a prefix and a path given without leading slashes and with trailing ones', async () => {
      const response = await app.inject({ method: 'GET', url: '/books/list' });
      expect(response.statusCode).to.equal(200);
      expect(response.body).to.equal('books');
    });

    it('serves a controller without a prefix at the root', async () => {
      const response = await app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).to.equal(200);
      expect(response.body).to.equal('home');
    });

    it('ignores a trailing slash in the request path', async () => {
      const withSlash = await app.inject({ method: 'GET', url: '/users/7/' });
      expect(withSlash.statusCode).to.equal(200);
      expect(withSlash.json()).to.deep.equal({ id: '7' });
      const prefixWithSlash = await app.inject({ method: 'GET', url: '/users/' });
      expect(prefixWithSlash.json()).to.deep.equal([{ id: 1 }]);
    });

    it('matches paths case-sensitively', async () => {
      const response = await app.inject({ method: 'GET', url: '/USERS/7' });
      expect(response.statusCode).to.equal(404);
    });

    it('routes on the path only: the query string does not change the match', async () => {
      const response = await app.inject({ method: 'GET', url: '/health?verbose=1' });
      expect(response.statusCode).to.equal(200);
      expect(response.json()).to.deep.equal({ ok: true });
    });
  });

  describe('method decorators', () => {
    const cases: [string, string, number, unknown][] = [
      ['POST', '/users', 201, { created: true }],
      ['PUT', '/users/4', 200, { replaced: '4' }],
      ['PATCH', '/users/4', 200, { updated: '4' }],
      ['DELETE', '/users/4', 200, { removed: '4' }],
      ['OPTIONS', '/users', 200, { methods: ['GET', 'POST'] }],
    ];
    for (const [method, url, status, body] of cases) {
      it(`@${method[0]}${method.slice(1).toLowerCase()} answers ${method} ${url} with ${status}`, async () => {
        const response = await app.inject({ method: method as 'GET', url });
        expect(response.statusCode).to.equal(status);
        expect(response.headers['content-type']).to.equal(JSON_TYPE);
        expect(response.json()).to.deep.equal(body);
      });
    }

    it('@All answers every method on its path', async () => {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
        const response = await app.inject({ method, url: '/echo' });
        // Only @Post defaults to 201; @All answers 200 whatever the method.
        expect(response.statusCode, method).to.equal(200);
        expect(response.json(), method).to.deep.equal({ echoed: true });
      }
    });

    it('POST answers 201 by default, as in NestJS', async () => {
      const response = await app.inject({ method: 'POST', url: '/users' });
      expect(response.statusCode).to.equal(201);
    });
  });

  describe('HEAD', () => {
    let port: number;
    const server = buildApp();
    before(async () => {
      port = (await server.listen(0)).port;
    });
    after(() => server.close());

    it('answers HEAD on a GET route with the GET headers and no body', async () => {
      const get = await send(port, { path: '/health' });
      const head = await send(port, { method: 'HEAD', path: '/health' });
      expect(head.status).to.equal(200);
      expect(head.headers['content-type']).to.equal(JSON_TYPE);
      expect(head.headers['content-length']).to.equal(get.headers['content-length']);
      expect(head.body).to.equal('');
    });

    it('prefers a declared @Head route over the GET fallback', async () => {
      const head = await send(port, { method: 'HEAD', path: '/ping' });
      expect(head.status).to.equal(204);
      const get = await send(port, { path: '/ping' });
      expect(get.body).to.equal('pong');
    });

    it('answers HEAD on an unknown path with 404 and no body', async () => {
      const head = await send(port, { method: 'HEAD', path: '/nowhere' });
      expect(head.status).to.equal(404);
      expect(head.body).to.equal('');
    });
  });

  describe('unknown routes', () => {
    it('answers an unknown path with 404 {"detail":"Not found"}', async () => {
      const response = await app.inject({ method: 'GET', url: '/nowhere' });
      expect(response.statusCode).to.equal(404);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.body).to.equal('{"detail":"Not found"}');
    });

    it('answers a known path with another method with 405 and an Allow header', async () => {
      const response = await app.inject({ method: 'DELETE', url: '/health' });
      expect(response.statusCode).to.equal(405);
      expect(response.headers.allow).to.equal('GET, HEAD');
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ detail: 'Method Not Allowed' });
    });

    it('answers a path with malformed percent-encoding with 400 rather than failing', async () => {
      const response = await app.inject({ method: 'GET', url: '/users/%zz' });
      expect(response.statusCode).to.equal(400);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ detail: 'Malformed percent-encoding in the URL path' });
    });

    it('lists every method that answers the path in Allow', async () => {
      const response = await app.inject({ method: 'POST', url: '/users/4' });
      expect(response.statusCode).to.equal(405);
      const allowed = String(response.headers.allow).split(', ');
      expect(allowed).to.have.members(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
    });
  });

  describe('@HttpCode and @Header', () => {
    it('@HttpCode sets the status of a successful GET', async () => {
      const response = await app.inject({ method: 'GET', url: '/accepted' });
      expect(response.statusCode).to.equal(202);
      expect(response.json()).to.deep.equal({ queued: true });
    });

    it('@HttpCode overrides the 201 of a POST', async () => {
      const response = await app.inject({ method: 'POST', url: '/quiet' });
      expect(response.statusCode).to.equal(200);
    });

    it('@HttpCode applies to an empty result too, with no body', async () => {
      const response = await app.inject({ method: 'POST', url: '/nothing' });
      expect(response.statusCode).to.equal(202);
      expect(response.body).to.equal('');
    });

    it('@Header adds headers to a text response, and may be repeated', async () => {
      const response = await app.inject({ method: 'GET', url: '/cached' });
      expect(response.statusCode).to.equal(200);
      expect(response.headers['cache-control']).to.equal('max-age=60');
      expect(response.headers['x-served-by']).to.equal('corbel');
      expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
      expect(response.body).to.equal('fresh');
    });

    it('@Header adds headers to a JSON response', async () => {
      const response = await app.inject({ method: 'GET', url: '/cached-json' });
      expect(response.headers['cache-control']).to.equal('no-store');
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
    });

    it('@Header does not apply to error responses of an unknown route', async () => {
      const response = await app.inject({ method: 'GET', url: '/cached/nowhere' });
      expect(response.statusCode).to.equal(404);
      expect(response.headers['cache-control']).to.equal(undefined);
    });
  });
});
