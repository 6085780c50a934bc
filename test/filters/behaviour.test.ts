// What filters may return, what they are given, and what happens when they fail.
import {
  type ArgumentsHost,
  Catch,
  Controller,
  CorbelError,
  createApp,
  type ExceptionFilter,
  Get,
  HTTPException,
  HTTPNotFound,
  json,
  Param,
  redirect,
  text,
  UseFilters,
} from '@corbel/core';
import { expect } from 'chai';
import { RecordingLogger } from '../support/recording-logger';
import { markerFilter, ValueError } from './fixtures';

function appThrowing(error: () => unknown, filters: object[], logger: RecordingLogger | false = false) {
  @Controller('/t')
  class ThrowingController {
    @Get()
    go() {
      throw error();
    }
  }
  return createApp({ controllers: [ThrowingController], filters, logger });
}

describe('filter return values', () => {
  it('a json()/text()/redirect() value is sent as is, status and headers included', async () => {
    @Catch(ValueError)
    class JsonFilter {
      catch(error: ValueError) {
        return json({ error: error.message }, 400, { 'X-Filter': 'json' });
      }
    }
    const response = await appThrowing(() => new ValueError('bad value'), [JsonFilter]).inject('/t');
    expect(response.statusCode).to.equal(400);
    expect(response.headers['x-filter']).to.equal('json');
    expect(response.json()).to.deep.equal({ error: 'bad value' });

    @Catch(ValueError)
    class TextFilter {
      catch() {
        return text('nope', 418);
      }
    }
    const teapot = await appThrowing(() => new ValueError(), [TextFilter]).inject('/t');
    expect([teapot.statusCode, teapot.headers['content-type'], teapot.payload]).to.deep.equal([
      418,
      'text/plain; charset=utf-8',
      'nope',
    ]);

    @Catch(401)
    class LoginRedirect {
      catch() {
        return redirect('/login');
      }
    }
    const moved = await appThrowing(() => new HTTPException(401), [LoginRedirect]).inject('/t');
    expect([moved.statusCode, moved.headers.location, moved.payload]).to.deep.equal([302, '/login', '']);
  });

  it("any other value is sent as JSON with the error's own status", async () => {
    @Catch(404, 410)
    class GoneOrMissing implements ExceptionFilter<HTTPException> {
      async catch() {
        return { error: 'not here' };
      }
    }
    for (const status of [404, 410]) {
      const response = await appThrowing(() => new HTTPException(status), [GoneOrMissing]).inject('/t');
      expect(response.statusCode).to.equal(status);
      expect(response.json()).to.deep.equal({ error: 'not here' });
    }
  });

  it('undefined means the default answer, so a filter may only observe', async () => {
    const seen: unknown[] = [];
    @Catch(HTTPNotFound)
    class CountingFilter {
      catch(error: unknown) {
        seen.push(error);
      }
    }
    const response = await appThrowing(() => new HTTPNotFound('User 7 not found'), [CountingFilter]).inject('/t');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'User 7 not found' });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.be.instanceOf(HTTPNotFound);
  });

  it('an observing catch-all leaves a plain error to the 500 default, which logs it', async () => {
    const logger = new RecordingLogger();
    @Catch()
    class Observer {
      catch() {
        return undefined;
      }
    }
    const response = await appThrowing(() => new Error('secret internals'), [Observer], logger).inject('/t');
    expect(response.statusCode).to.equal(500);
    expect(response.payload).to.equal('{"detail":"Internal Server Error"}');
    expect(logger.errorsText()).to.contain('secret internals');
  });

  it('async filters are awaited', async () => {
    @Catch(ValueError)
    class SlowFilter {
      async catch() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return json({ slow: true }, 400);
      }
    }
    const response = await appThrowing(() => new ValueError(), [SlowFilter]).inject('/t');
    expect([response.statusCode, response.json()]).to.deep.equal([400, { slow: true }]);
  });

  it('filters may be given as instances, keeping their state', async () => {
    @Catch(ValueError)
    class PrefixFilter {
      constructor(readonly prefix: string) {}
      catch(error: ValueError) {
        return json({ error: `${this.prefix}: ${error.message}` }, 400);
      }
    }
    const response = await appThrowing(() => new ValueError('x'), [new PrefixFilter('orders')]).inject('/t');
    expect(response.json()).to.deep.equal({ error: 'orders: x' });
  });

  it('a filter class is instantiated once at start-up and reused for every error', async () => {
    let instances = 0;
    @Catch(ValueError)
    class CountedFilter {
      constructor() {
        instances++;
      }
      catch() {
        return json({ ok: true }, 400);
      }
    }
    const app = appThrowing(() => new ValueError(), [CountedFilter]);
    await app.inject('/t');
    await app.inject('/t');
    expect(instances).to.equal(1);
  });
});

describe('the host given to filters', () => {
  it('names the request and the route (controller class and method)', async () => {
    let seen: ArgumentsHost | undefined;
    @Catch(ValueError)
    class HostFilter {
      catch(_error: unknown, host: ArgumentsHost) {
        seen = host;
        return json({}, 400);
      }
    }
    @Controller('/orders')
    class OrdersController {
      @Get('/:id')
      findOne() {
        throw new ValueError();
      }
    }
    await createApp({ controllers: [OrdersController], filters: [HostFilter], logger: false }).inject('/orders/7?x=1');
    expect(seen?.type).to.equal('http');
    if (seen?.type !== 'http') return;
    expect(seen.request.path).to.equal('/orders/7');
    expect(seen.request.params).to.deep.equal({ id: '7' });
    expect(seen.request.query).to.deep.equal({ x: '1' });
    expect(seen.route?.controller).to.equal(OrdersController);
    expect(seen.route?.method).to.equal('findOne');
  });

  it('has a null route for an unknown path', async () => {
    let route: unknown = 'unset';
    @Catch(404)
    class NotFound {
      catch(_error: unknown, host: ArgumentsHost) {
        route = host.route;
        return { missing: true };
      }
    }
    const response = await createApp({ filters: [NotFound], logger: false }).inject('/nothing');
    expect(response.json()).to.deep.equal({ missing: true });
    expect(route).to.equal(null);
  });
});

describe('failures inside filters', () => {
  const cases: [string, () => unknown][] = [
    [
      'throws',
      () => {
        throw new Error('filter broke');
      },
    ],
    ['rejects', () => Promise.reject(new Error('filter broke'))],
  ];
  for (const [what, behaviour] of cases) {
    it(`a filter that ${what} gives the client the 500 default and the logger both errors`, async () => {
      @Catch(ValueError)
      class BrokenFilter {
        catch() {
          return behaviour();
        }
      }
      const logger = new RecordingLogger();
      const response = await appThrowing(() => new ValueError('original problem'), [BrokenFilter], logger).inject('/t');
      expect(response.statusCode).to.equal(500);
      expect(response.json()).to.deep.equal({ detail: 'Internal Server Error' });
      const logged = logger.errorsText();
      expect(logged).to.contain('filter broke');
      expect(logged).to.contain('original problem');
      expect(response.payload).to.not.contain('broke');
    });
  }

  it('a failing 404 filter is not looked up again: the client gets the 500 default', async () => {
    let calls = 0;
    @Catch(404)
    class Broken404 {
      catch() {
        calls++;
        throw new HTTPNotFound();
      }
    }
    const response = await appThrowing(() => new HTTPNotFound(), [Broken404]).inject('/t');
    expect(response.statusCode).to.equal(500);
    expect(calls).to.equal(1);
  });

  it('a filter returning an impossible status answers 500 and logs the bad value', async () => {
    @Catch(ValueError)
    class BadStatus {
      catch() {
        return json({ x: 1 }, 1000);
      }
    }
    const logger = new RecordingLogger();
    const response = await appThrowing(() => new ValueError(), [BadStatus], logger).inject('/t');
    expect(response.statusCode).to.equal(500);
    expect(logger.errorsText()).to.contain('1000');
  });

  it('a filter returning a value that cannot be serialised answers 500 and logs it', async () => {
    @Catch(ValueError)
    class Circular {
      catch() {
        const value: Record<string, unknown> = {};
        value.self = value;
        return value;
      }
    }
    const logger = new RecordingLogger();
    const response = await appThrowing(() => new ValueError(), [Circular], logger).inject('/t');
    expect(response.statusCode).to.equal(500);
    expect(response.json()).to.deep.equal({ detail: 'Internal Server Error' });
    expect(logger.errorsText()).to.match(/circular/i);
  });
});

describe('filter start-up errors', () => {
  class NotDecorated {
    catch() {
      return 1;
    }
  }

  it('a global filter class without @Catch is CORBEL_ERR_NOT_A_FILTER, named', () => {
    expect(() => createApp({ filters: [NotDecorated], logger: false }))
      .to.throw(CorbelError, /NotDecorated in global filters is not a filter: expected a class decorated with @Catch/)
      .with.property('code', 'CORBEL_ERR_NOT_A_FILTER');
  });

  it('a @UseFilters entry without @Catch is CORBEL_ERR_NOT_A_FILTER naming the controller', () => {
    @Controller()
    @UseFilters(NotDecorated)
    class ShopController {
      @Get()
      go() {}
    }
    expect(() => createApp({ controllers: [ShopController], logger: false }))
      .to.throw(CorbelError, /NotDecorated in ShopController is not a filter/)
      .with.property('code', 'CORBEL_ERR_NOT_A_FILTER');
  });

  it('two filters claiming the same key in the same scope are CORBEL_ERR_DUPLICATE_FILTER, naming both', () => {
    const first = markerFilter('FirstFilter', ValueError);
    const second = markerFilter('SecondFilter', 404, ValueError);
    expect(() => createApp({ filters: [first, second], logger: false }))
      .to.throw(CorbelError, /FirstFilter and SecondFilter both claim ValueError in global filters/)
      .with.property('code', 'CORBEL_ERR_DUPLICATE_FILTER');
  });

  it('the same key in different scopes is allowed (the narrower scope wins)', () => {
    @Controller()
    @UseFilters(markerFilter('ControllerOne', ValueError))
    class ScopedController {
      @Get()
      @UseFilters(markerFilter('MethodOne', ValueError))
      go() {}
    }
    expect(() =>
      createApp({ controllers: [ScopedController], filters: [markerFilter('GlobalOne', ValueError)], logger: false }),
    ).to.not.throw();
  });
});

describe('app.explainError', () => {
  const MethodValue = markerFilter('MethodValueFilter', ValueError);
  const ControllerNotFound = markerFilter('ControllerNotFoundFilter', 404);
  const GlobalAny = markerFilter('GlobalAnyFilter');

  @Controller('/orders')
  @UseFilters(ControllerNotFound)
  class OrdersController {
    @Get('/:id')
    @UseFilters(MethodValue)
    findOne(@Param('id') id: number) {
      return { id };
    }
  }
  const app = createApp({ controllers: [OrdersController], filters: [GlobalAny], logger: false });
  const onRoute = { method: 'GET', path: '/orders/7' };

  it('names the filter, scope and matching key for each scope', () => {
    expect(app.explainError(new ValueError(), onRoute)).to.deep.equal({
      filter: 'MethodValueFilter',
      scope: 'method',
      key: 'ValueError',
    });
    expect(app.explainError(new HTTPNotFound(), onRoute)).to.deep.equal({
      filter: 'ControllerNotFoundFilter',
      scope: 'controller',
      key: 404,
    });
    expect(app.explainError(new TypeError(), onRoute)).to.deep.equal({
      filter: 'GlobalAnyFilter',
      scope: 'global',
      key: '*',
    });
    expect(app.explainError(new HTTPException(401), onRoute)).to.deep.equal({
      filter: 'HttpExceptionFilter',
      scope: 'default',
      key: 'HTTPException',
    });
  });

  it('uses the global table for a path no route matches', () => {
    expect(app.explainError(new HTTPNotFound(), { method: 'GET', path: '/elsewhere' })).to.deep.equal({
      filter: 'HttpExceptionFilter',
      scope: 'default',
      key: 'HTTPException',
    });
  });

  it('explains a path validation failure by the 404 lookup that answers it', async () => {
    const response = await app.inject('/orders/abc');
    expect(response.json()).to.deep.equal({ by: 'ControllerNotFoundFilter' });
    const { RequestValidationError } = await import('@corbel/core');
    const pathFailure = new RequestValidationError([{ loc: ['id'], msg: 'm', type: 'number_parsing', in: 'path' }]);
    expect(app.explainError(pathFailure, onRoute)).to.deep.equal({
      filter: 'ControllerNotFoundFilter',
      scope: 'controller',
      key: 404,
    });
  });
});
