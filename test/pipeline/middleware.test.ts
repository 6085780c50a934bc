// Middleware: functions and injected classes, short-circuits, and global middleware on unmatched requests.
import {
  type CallNext,
  Controller,
  type CorbelRequest,
  createApp,
  Get,
  Injectable,
  type Middleware,
  text,
  UseMiddleware,
} from '@corbel/core';
import { expect } from 'chai';

@Injectable()
class AuditLog {
  readonly entries: string[] = [];
}

@Injectable()
class AuditMiddleware implements Middleware {
  constructor(private readonly log: AuditLog) {}

  async use(request: CorbelRequest, next: CallNext) {
    this.log.entries.push(`${request.method} ${request.path}`);
    return next();
  }
}

@Controller('/audited')
@UseMiddleware(AuditMiddleware)
class AuditedController {
  constructor(private readonly log: AuditLog) {}

  @Get() list() {
    return this.log.entries;
  }
}

describe('pipeline: middleware', () => {
  it('class middleware get injection, sharing the singletons of their controller', async () => {
    const app = createApp({ controllers: [AuditedController], providers: [AuditLog], logger: false });
    await app.inject('/audited');
    expect((await app.inject('/audited')).json()).to.deep.equal(['GET /audited', 'GET /audited']);
  });

  it('next() resolves to the result, which the middleware may replace or pass on', async () => {
    @Controller('/m')
    class MController {
      @Get('/replaced')
      @UseMiddleware(async (_request, next) => ({ wrapped: await next() }))
      replaced() {
        return 1;
      }

      @Get('/passed')
      @UseMiddleware(async (_request, next) => {
        // No return: the handler's result is still sent.
        await next();
      })
      passed() {
        return { passed: true };
      }
    }
    const app = createApp({ controllers: [MController], logger: false });
    expect((await app.inject('/m/replaced')).json()).to.deep.equal({ wrapped: 1 });
    expect((await app.inject('/m/passed')).json()).to.deep.equal({ passed: true });
  });

  it('may answer without calling next(): nothing after it runs', async () => {
    let handled = false;
    @Controller('/maintenance')
    @UseMiddleware(async () => text('down for maintenance', 503, { 'Retry-After': '60' }))
    class MaintenanceController {
      @Get() get() {
        handled = true;
        return {};
      }
    }
    const response = await createApp({ controllers: [MaintenanceController], logger: false }).inject('/maintenance');
    expect(response.statusCode).to.equal(503);
    expect(response.headers['retry-after']).to.equal('60');
    expect(response.body).to.equal('down for maintenance');
    expect(handled).to.equal(false);
  });

  it('global middleware also see unmatched requests: next() rejects with the 404, which they may answer', async () => {
    const seen: string[] = [];
    @Controller('/known')
    class KnownController {
      @Get() known() {
        return { known: true };
      }
    }
    const app = createApp({
      controllers: [KnownController],
      middleware: [
        async (request, next) => {
          seen.push(request.path);
          if (request.path === '/legacy') return text('moved on', 410);
          return next();
        },
      ],
      logger: false,
    });
    expect((await app.inject('/known')).json()).to.deep.equal({ known: true });
    const missing = await app.inject('/missing');
    expect([missing.statusCode, missing.json()]).to.deep.equal([404, { detail: 'Not found' }]);
    const legacy = await app.inject('/legacy');
    expect([legacy.statusCode, legacy.body]).to.deep.equal([410, 'moved on']);
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/known' });
    expect(wrongMethod.statusCode).to.equal(405);
    expect(seen).to.deep.equal(['/known', '/missing', '/legacy', '/known']);
  });

  it('routes without global middleware answer unmatched requests without running any', async () => {
    const response = await createApp({ controllers: [AuditedController], providers: [AuditLog], logger: false }).inject(
      '/nowhere',
    );
    expect(response.statusCode).to.equal(404);
  });
});
