// A module's configure(consumer): apply().exclude().forRoutes(), decided at createApp for each route.
import {
  type CallNext,
  Controller,
  type CorbelRequest,
  createApp,
  Delete,
  Get,
  Injectable,
  type Middleware,
  type MiddlewareConsumer,
  type MiddlewareFunction,
  Module,
  type NestModule,
  Post,
  RequestMethod,
} from '@corbel/core';
import { expect } from 'chai';
import { startupError } from '../support/startup-error';

/** Records which middleware ran for which request. */
const ran: string[] = [];
const mark =
  (name: string): MiddlewareFunction =>
  async (request, next) => {
    ran.push(`${name} ${request.method} ${request.path}`);
    return next();
  };

@Injectable()
class Clock {
  readonly now = 'tick';
}

/** A class middleware, made with injection from the module that applied it. */
@Injectable()
class ClockMiddleware implements Middleware {
  constructor(private readonly clock: Clock) {}
  async use(request: CorbelRequest, next: CallNext) {
    ran.push(`clock:${this.clock.now} ${request.path}`);
    return next();
  }
}

@Controller('/cats')
class CatsController {
  @Get() list() {
    return ['Tom'];
  }
  @Get('/:id') find() {
    return 'Tom';
  }
  @Post() create() {
    return 'created';
  }
}

@Controller('/dogs')
class DogsController {
  @Get() list() {
    return ['Rex'];
  }
  @Delete('/:id') remove() {
    return undefined;
  }
}

@Controller('/health')
class HealthController {
  @Get() check() {
    return { ok: true };
  }
}

@Module({ controllers: [CatsController], providers: [Clock] })
class CatsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(ClockMiddleware).forRoutes(CatsController);
  }
}

@Module({ imports: [CatsModule], controllers: [DogsController, HealthController] })
class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(mark('all')).exclude({ path: 'health', method: RequestMethod.GET }).forRoutes('*');
    consumer.apply(mark('cats-post')).forRoutes({ path: 'cats', method: RequestMethod.POST });
    consumer.apply(mark('under-dogs')).forRoutes('dogs/*');
  }
}

describe('middleware consumer', () => {
  const app = createApp(AppModule, { logger: false });
  beforeEach(() => {
    ran.length = 0;
  });

  it("applies a controller's rule to its routes, with a class made in the applying module", async () => {
    expect((await app.inject('/cats/1')).statusCode).to.equal(200);
    expect(ran).to.deep.equal(['all GET /cats/1', 'clock:tick /cats/1']);
  });

  it('limits a { path, method } rule to that method', async () => {
    await app.inject({ method: 'POST', url: '/cats' });
    await app.inject('/cats');
    expect(ran).to.deep.equal([
      'all POST /cats',
      'cats-post POST /cats',
      'clock:tick /cats',
      'all GET /cats',
      'clock:tick /cats',
    ]);
  });

  it("matches 'dogs/*' against each route's declared path: /dogs/:id, not /dogs", async () => {
    await app.inject({ method: 'DELETE', url: '/dogs/3' });
    await app.inject('/dogs');
    expect(ran).to.deep.equal(['all DELETE /dogs/3', 'under-dogs DELETE /dogs/3', 'all GET /dogs']);
  });

  it("excludes a route from a '*' rule", async () => {
    expect((await app.inject('/health')).json()).to.deep.equal({ ok: true });
    expect(ran).to.deep.equal([]);
  });

  it("runs only what forRoutes('*') applies for a path no route matches, excludes included", async () => {
    expect((await app.inject('/nowhere')).statusCode).to.equal(404);
    expect(ran).to.deep.equal(['all GET /nowhere']);
  });

  it("takes forRoutes and exclude paths without the app prefix, as NestJS does: 'dogs/*' names /api/dogs/:id", async () => {
    const prefixed = createApp(AppModule, { logger: false, prefix: '/api' });
    await prefixed.inject({ method: 'DELETE', url: '/api/dogs/3' });
    await prefixed.inject({ method: 'POST', url: '/api/cats' });
    expect((await prefixed.inject('/api/health')).json()).to.deep.equal({ ok: true });
    expect((await prefixed.inject('/api/nowhere')).statusCode).to.equal(404);
    expect(ran).to.deep.equal([
      'all DELETE /api/dogs/3',
      'under-dogs DELETE /api/dogs/3',
      'all POST /api/cats',
      'cats-post POST /api/cats',
      'clock:tick /api/cats',
      'all GET /api/nowhere',
    ]);
    @Module({ controllers: [CatsController] })
    class PrefixedPathModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(mark('x')).forRoutes('api/cats');
      }
    }
    const error = startupError(() => createApp(PrefixedPathModule, { logger: false, prefix: '/api' }));
    expect(error.message).to.include("forRoutes('api/cats') matches no route");
    expect(error.message).to.include("written without the app prefix '/api'");
  });

  it('refuses at createApp a forRoutes() entry that matches no route, naming it', () => {
    @Module({ controllers: [CatsController] })
    class TypoModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(mark('x')).forRoutes('catz');
      }
    }
    const error = startupError(() => createApp(TypoModule, { logger: false }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_MODULE');
    expect(error.message).to.include("TypoModule.configure(): forRoutes('catz') matches no route");
  });

  it('refuses apply() without forRoutes(), a configure() returning a promise, and Express-style middleware', () => {
    @Module({ controllers: [CatsController] })
    class DanglingModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(mark('x'));
      }
    }
    expect(startupError(() => createApp(DanglingModule, { logger: false })).message).to.include(
      'consumer.apply(...) without .forRoutes(...)',
    );
    @Module({ controllers: [CatsController] })
    class AsyncModule {
      async configure(consumer: MiddlewareConsumer) {
        consumer.apply(mark('x')).forRoutes('*');
      }
    }
    expect(startupError(() => createApp(AsyncModule, { logger: false })).message).to.include('returned a promise');
    const express = (_req: unknown, _res: unknown, next: () => void) => next();
    @Module({ controllers: [CatsController] })
    class ExpressModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(express as unknown as MiddlewareFunction).forRoutes('*');
      }
    }
    const error = startupError(() => createApp(ExpressModule, { logger: false }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_PIPELINE_STAGE');
    expect(error.message).to.include('takes (req, res, next), as Express middleware do');
  });

  it('refuses a path with syntax it does not understand', () => {
    @Module({ controllers: [CatsController] })
    class RegexModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(mark('x')).forRoutes('cats/:id(\\d+)');
      }
    }
    expect(startupError(() => createApp(RegexModule, { logger: false })).message).to.include(
      'uses syntax Corbel does not understand',
    );
  });
});
