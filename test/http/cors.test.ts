// CORS through real HTTP requests: preflights, answers and errors to allowed and refused origins, @Cors overrides.
import {
  Controller,
  type CorbelRequest,
  Cors,
  type CorsOptions,
  Delete,
  Get,
  HTTPForbidden,
  Options,
  Post,
  Req,
  UseGuards,
} from '@corbel/core';
import { expect } from 'chai';
import { type Answer, rawHeaderValues, send } from '../support/http-client';
import { useApps } from '../support/use-apps';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

let guardRuns = 0;
const countingGuard = {
  canActivate() {
    guardRuns++;
    return true;
  },
};

@Controller('/items')
class ItemsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }

  @Post()
  @UseGuards(countingGuard)
  create(@Req() request: CorbelRequest) {
    return request.body;
  }

  @Delete('/:id')
  remove(): never {
    throw new HTTPForbidden('read-only');
  }

  @Get('/crash')
  crash(): never {
    throw new Error('boom');
  }
}

@Controller('/own')
class OwnOptionsController {
  @Options()
  describe() {
    return { methods: ['GET'] };
  }

  @Get()
  read() {
    return { ok: true };
  }
}

@Controller('/public')
@Cors({ origin: '*', credentials: false })
class PublicController {
  @Get()
  read() {
    return { public: true };
  }

  @Get('/partner')
  @Cors({ origin: 'https://partner.example.org', exposedHeaders: 'X-Partner' })
  partner() {
    return { partner: true };
  }
}

function preflight(origin: string | undefined, method: string, path: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra };
  if (origin !== undefined) headers.origin = origin;
  if (method !== '') headers['access-control-request-method'] = method;
  return { method: 'OPTIONS', path, headers };
}

function corsHeaders(answer: Answer): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (name.startsWith('access-control-')) found[name] = String(value);
  }
  return found;
}

const credentialed: CorsOptions = {
  origin: [APP, /^https:\/\/[a-z]+\.example\.com$/],
  credentials: true,
  exposedHeaders: ['X-Total'],
  maxAge: 600,
};

describe('CORS', () => {
  const start = useApps();

  describe('preflights', () => {
    it('answer 204 with the Allow-* headers for a path a route serves, without running guards or handlers', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      guardRuns = 0;
      const answer = await send(
        url,
        preflight(APP, 'POST', '/items', { 'access-control-request-headers': 'content-type, x-token' }),
      );
      expect(answer.status).to.equal(204);
      expect(answer.body).to.equal('');
      expect(corsHeaders(answer)).to.deep.equal({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, HEAD, PUT, PATCH, POST, DELETE',
        'access-control-allow-headers': 'content-type, x-token',
        'access-control-max-age': '600',
      });
      expect(answer.headers.vary).to.equal('Origin, Access-Control-Request-Headers');
      expect(guardRuns).to.equal(0);
    });

    it('list the configured methods and allowed headers instead of reflecting', async () => {
      const { url } = await start({
        controllers: [ItemsController],
        cors: { origin: true, methods: ['GET', 'POST'], allowedHeaders: 'Content-Type' },
      });
      const answer = await send(
        url,
        preflight(EVIL, 'POST', '/items', { 'access-control-request-headers': 'x-other' }),
      );
      expect(answer.headers['access-control-allow-origin']).to.equal(EVIL);
      expect(answer.headers['access-control-allow-methods']).to.equal('GET, POST');
      expect(answer.headers['access-control-allow-headers']).to.equal('Content-Type');
      expect(answer.headers.vary).to.equal('Origin');
    });

    it('to a path with parameters uses the route of the requested method', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      const answer = await send(url, preflight('https://shop.example.com', 'DELETE', '/items/7'));
      expect(answer.status).to.equal(204);
      expect(answer.headers['access-control-allow-origin']).to.equal('https://shop.example.com');
    });

    it("leave a user's own @Options route in charge", async () => {
      const { url } = await start({ controllers: [OwnOptionsController], cors: true });
      const answer = await send(url, preflight(APP, 'GET', '/own'));
      expect(answer.status).to.equal(200);
      expect(JSON.parse(answer.body)).to.deep.equal({ methods: ['GET'] });
      expect(answer.headers['access-control-allow-origin']).to.equal('*');
    });

    it('to a path no route serves is a 404 with no CORS headers', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      const answer = await send(url, preflight(APP, 'GET', '/nowhere'));
      expect(answer.status).to.equal(404);
      expect(corsHeaders(answer)).to.deep.equal({});
    });

    it('from a refused origin get the ordinary answer to OPTIONS (405) and no CORS headers', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      const answer = await send(url, preflight(EVIL, 'POST', '/items'));
      expect(answer.status).to.equal(405);
      expect(answer.headers.allow).to.equal('GET, POST, HEAD');
      expect(corsHeaders(answer)).to.deep.equal({});
    });

    it('missing Origin or Access-Control-Request-Method are a 400 under strictPreflight, an ordinary OPTIONS without', async () => {
      const strict = await start({ controllers: [ItemsController], cors: true });
      const noMethod = await send(strict.url, preflight(APP, '', '/items'));
      expect(noMethod.status).to.equal(400);
      expect(JSON.parse(noMethod.body)).to.deep.equal({
        detail: 'Invalid preflight request: no Access-Control-Request-Method header',
      });
      expect((await send(strict.url, preflight(undefined, 'GET', '/items'))).status).to.equal(400);
      const lax = await start({ controllers: [ItemsController], cors: { strictPreflight: false } });
      expect((await send(lax.url, preflight(APP, '', '/items'))).status).to.equal(405);
    });
  });

  describe('answers', () => {
    it('to an allowed origin carry Allow-Origin, Allow-Credentials, Expose-Headers and Vary: Origin', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      const answer = await send(url, { path: '/items', headers: { origin: APP } });
      expect(answer.status).to.equal(200);
      expect(corsHeaders(answer)).to.deep.equal({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'X-Total',
      });
      expect(answer.headers.vary).to.equal('Origin');
    });

    it('errors included: a guard-free 403, a 500, an unmatched 404 and a 405 all carry them', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      for (const [method, path, status] of [
        ['DELETE', '/items/1', 403],
        ['GET', '/items/crash', 500],
        ['GET', '/nowhere', 404],
        ['PUT', '/items', 405],
      ] as const) {
        const answer = await send(url, { method, path, headers: { origin: APP } });
        expect(answer.status, `${method} ${path}`).to.equal(status);
        expect(answer.headers['access-control-allow-origin'], `${method} ${path}`).to.equal(APP);
        expect(answer.headers['access-control-allow-credentials'], `${method} ${path}`).to.equal('true');
        expect(answer.headers.vary, `${method} ${path}`).to.equal('Origin');
      }
    });

    it('to a refused origin carry no CORS headers, and the request is served as usual', async () => {
      const { url } = await start({ controllers: [ItemsController], cors: credentialed });
      const answer = await send(url, { path: '/items', headers: { origin: EVIL } });
      expect(answer.status).to.equal(200);
      expect(JSON.parse(answer.body)).to.deep.equal([{ id: 1 }]);
      expect(corsHeaders(answer)).to.deep.equal({});
      expect(answer.headers.vary).to.equal('Origin');
    });

    it("with origin '*' say '*' to everyone, without Vary", async () => {
      const { url } = await start({ controllers: [ItemsController], cors: true });
      const answer = await send(url, { path: '/items', headers: { origin: EVIL } });
      expect(answer.headers['access-control-allow-origin']).to.equal('*');
      expect(answer.headers['access-control-allow-credentials']).to.equal(undefined);
      expect(answer.headers.vary).to.equal(undefined);
    });

    it('ask an async origin function, which is given the origin and the request', async () => {
      const seen: string[] = [];
      const { url } = await start({
        controllers: [ItemsController],
        cors: {
          origin: async (origin, request) => {
            seen.push(`${origin} ${request.path}`);
            await new Promise((resolve) => setTimeout(resolve, 2));
            return origin.endsWith('.example.com');
          },
        },
      });
      expect(
        (await send(url, { path: '/items', headers: { origin: APP } })).headers['access-control-allow-origin'],
      ).to.equal(APP);
      expect(
        (await send(url, { path: '/items', headers: { origin: EVIL } })).headers['access-control-allow-origin'],
      ).to.equal(undefined);
      expect(seen).to.deep.equal([`${APP} /items`, `${EVIL} /items`]);
    });

    it('an origin function answering something other than a boolean is a logged 500, not an allowed origin', async () => {
      const { url } = await start({
        controllers: [ItemsController],
        cors: { origin: (() => 'yes') as unknown as CorsOptions['origin'] },
      });
      const answer = await send(url, { path: '/items', headers: { origin: APP } });
      expect(answer.status).to.equal(500);
      expect(answer.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });

  describe('@Cors', () => {
    it('turns CORS on for a controller of an app without it, a method @Cors laid over the class one', async () => {
      const { url } = await start({ controllers: [ItemsController, PublicController] });
      const open = await send(url, { path: '/public', headers: { origin: EVIL } });
      expect(open.headers['access-control-allow-origin']).to.equal('*');
      const partner = await send(url, { path: '/public/partner', headers: { origin: 'https://partner.example.org' } });
      expect(partner.headers['access-control-allow-origin']).to.equal('https://partner.example.org');
      expect(partner.headers['access-control-expose-headers']).to.equal('X-Partner');
      const refused = await send(url, { path: '/public/partner', headers: { origin: EVIL } });
      expect(refused.headers['access-control-allow-origin']).to.equal(undefined);
      // Routes without @Cors in an app without cors: nothing.
      expect(
        (await send(url, { path: '/items', headers: { origin: APP } })).headers['access-control-allow-origin'],
      ).to.equal(undefined);
      const preflightAnswer = await send(url, preflight('https://partner.example.org', 'GET', '/public/partner'));
      expect(preflightAnswer.status).to.equal(204);
      expect(preflightAnswer.headers['access-control-allow-origin']).to.equal('https://partner.example.org');
    });

    it("overrides the app's options for its routes only", async () => {
      const { url } = await start({ controllers: [ItemsController, PublicController], cors: credentialed });
      const open = await send(url, { path: '/public', headers: { origin: EVIL } });
      expect(open.headers['access-control-allow-origin']).to.equal('*');
      expect(rawHeaderValues(open, 'access-control-allow-credentials')).to.deep.equal([]);
      const items = await send(url, { path: '/items', headers: { origin: EVIL } });
      expect(items.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });
});
