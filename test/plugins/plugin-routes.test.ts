// PluginContext.addRoute: a plugin serves its own routes (a docs page, a document) through the app's own pipeline.
import {
  type ArgumentsHost,
  type CanActivate,
  Catch,
  Controller,
  type CorbelPlugin,
  createApp,
  type ExceptionFilter,
  Get,
  json,
  type MiddlewareFunction,
  type PluginContext,
  text,
} from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { startupError } from '../support/startup-error';

function plugin(name: string, setup: (context: PluginContext) => void): CorbelPlugin {
  return { name, setup };
}

@Controller('/items')
class ItemsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }
}

describe('plugin routes (PluginContext.addRoute)', () => {
  it('answers as a controller method would: a json()/text() value as is, an object as JSON', async () => {
    const app = createApp({
      logger: false,
      plugins: [
        plugin('health', (context) => {
          context.addRoute('GET', '/health', () => ({ ok: true }));
          context.addRoute('GET', '/version', () => text('1.2.3'));
          context.addRoute('POST', '/echo', async (request) => json({ method: request.method }, 202));
        }),
      ],
    });
    const health = await app.inject('/health');
    expect(health.statusCode).to.equal(200);
    expect(health.json()).to.deep.equal({ ok: true });
    const version = await app.inject('/version');
    expect(version.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(version.body).to.equal('1.2.3');
    const echo = await app.inject({ method: 'POST', url: '/echo' });
    expect(echo.statusCode).to.equal(202);
    expect(echo.json()).to.deep.equal({ method: 'POST' });
  });

  it('answers HEAD for a GET route without a body, as controller routes do', async () => {
    const app = createApp({
      logger: false,
      plugins: [plugin('health', (context) => context.addRoute('GET', '/health', () => ({ ok: true })))],
    });
    // Over a real socket: what reaches the wire is the point (in-process injection keeps HEAD bodies).
    const { port } = await app.listen(0);
    try {
      const get = await send(port, { path: '/health' });
      const head = await send(port, { method: 'HEAD', path: '/health' });
      expect(head.status).to.equal(200);
      expect(head.headers['content-length']).to.equal(get.headers['content-length']);
      expect(head.body).to.equal('');
    } finally {
      await app.close();
    }
  });

  it("sends a handler's error through the global filters, which see a route named after the plugin", async () => {
    const seen: string[] = [];
    @Catch(Error)
    class ErrorFilter implements ExceptionFilter<Error> {
      catch(error: Error, host: ArgumentsHost) {
        seen.push(`${host.route?.controller.name} / ${host.route?.method}`);
        return json({ error: error.message }, 503);
      }
    }
    const app = createApp({
      logger: false,
      filters: [ErrorFilter],
      plugins: [
        plugin('docs', (context) =>
          context.addRoute('GET', '/broken', () => {
            throw new Error('no document yet');
          }),
        ),
      ],
    });
    const response = await app.inject('/broken');
    expect(response.statusCode).to.equal(503);
    expect(response.json()).to.deep.equal({ error: 'no document yet' });
    expect(seen).to.deep.equal(['docs plugin / GET /broken']);
  });

  it('runs the global middleware first (they see every request), but not the global guards', async () => {
    const visited: string[] = [];
    const log: MiddlewareFunction = async (request, next) => {
      visited.push(request.path);
      return next();
    };
    const refuseAll: CanActivate = { canActivate: () => false };
    const app = createApp({
      logger: false,
      controllers: [ItemsController],
      middleware: [log],
      guards: [refuseAll],
      plugins: [plugin('health', (context) => context.addRoute('GET', '/health', () => ({ ok: true })))],
    });
    expect((await app.inject('/health')).statusCode).to.equal(200);
    expect((await app.inject('/items')).statusCode).to.equal(403);
    expect(visited).to.deep.equal(['/health', '/items']);
  });

  it('is listed by app.routes() but not by app.describe(), which describes the controllers', () => {
    const app = createApp({
      logger: false,
      controllers: [ItemsController],
      plugins: [plugin('health', (context) => context.addRoute('GET', '/health', () => ({ ok: true })))],
    });
    expect(app.routes()).to.deep.include({ method: 'GET', path: '/health', handler: 'the health plugin' });
    expect(app.describe().routes.map((route) => route.path)).to.deep.equal(['/items']);
  });

  it('refuses a method and path a controller already serves, naming both (CORBEL_ERR_DUPLICATE_ROUTE)', () => {
    const error = startupError(() =>
      createApp({
        logger: false,
        controllers: [ItemsController],
        plugins: [plugin('docs', (context) => context.addRoute('GET', '/items', () => 'shadow'))],
      }),
    );
    expect(error.code).to.equal('CORBEL_ERR_DUPLICATE_ROUTE');
    expect(error.message).to.include('ItemsController.list').and.include('the docs plugin');
  });

  it('refuses an unknown method, a relative path or a missing handler (CORBEL_ERR_INVALID_PLUGIN)', () => {
    const attempts: ((context: PluginContext) => void)[] = [
      (context) => context.addRoute('FETCH' as 'GET', '/x', () => 1),
      (context) => context.addRoute('GET', 'docs', () => 1),
      (context) => context.addRoute('GET', '/x', undefined as unknown as () => unknown),
    ];
    const messages = attempts.map((setup) => {
      const error = startupError(() => createApp({ logger: false, plugins: [plugin('docs', setup)] }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_PLUGIN');
      return error.message;
    });
    expect(messages[0]).to.include('addRoute("FETCH", "/x") from the docs plugin: expected one of GET, POST');
    expect(messages[1]).to.include("expected a path starting with '/'");
    expect(messages[2]).to.include('expected a handler function, got undefined');
  });
});
