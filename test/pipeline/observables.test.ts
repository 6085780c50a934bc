// Observables where NestJS code returns them: handler results, interceptors' next.handle(), guards; rxjs optional.
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import {
  type CallHandler,
  type CanActivate,
  Controller,
  createApp,
  type ExecutionContext,
  Get,
  HTTPBadGateway,
  HTTPNotFound,
  HTTPRequestTimeout,
  type Interceptor,
  Param,
  UseGuards,
  UseInterceptors,
} from '@corbel/core';
import { expect } from 'chai';
import { EMPTY, interval, NEVER, Observable, of, TimeoutError, throwError } from 'rxjs';
import { catchError, map, tap, timeout } from 'rxjs/operators';
import { RecordingLogger } from '../support/recording-logger';

class TransformInterceptor implements Interceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<{ data: unknown }> {
    return next.handle().pipe(map((data) => ({ data })));
  }
}

class BadGatewayInterceptor implements Interceptor {
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(catchError(() => throwError(() => new HTTPBadGateway())));
  }
}

class TimeoutInterceptor implements Interceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(30),
      catchError((error: unknown) =>
        throwError(() => (error instanceof TimeoutError ? new HTTPRequestTimeout() : error)),
      ),
    );
  }
}

/** A Corbel-style interceptor: `await next()` sees the last value of a handler's Observable. */
class AwaitingInterceptor implements Interceptor {
  async intercept(_context: ExecutionContext, next: CallHandler) {
    return { awaited: await next() };
  }
}

const INTEROP_KEY = Symbol.observable ?? '@@observable';

/** Only the TC39 interop method, as another Observable library's class may give. */
class InteropSource {
  [INTEROP_KEY]() {
    return of('interop');
  }
}

@Controller('/cats')
class CatsController {
  @Get('/hello')
  hello() {
    return of('Hello');
  }

  @Get('/count')
  count() {
    return of(1, 2, 3);
  }

  @Get('/nothing')
  nothing() {
    return EMPTY;
  }

  @Get('/missing/:id')
  missing(@Param('id') id: number) {
    return throwError(() => new HTTPNotFound(`Cat ${id} not found`));
  }

  @Get('/later')
  async later() {
    return of({ name: 'Tom' });
  }

  @Get('/wrapped')
  @UseInterceptors(TransformInterceptor)
  wrapped() {
    return ['Tom', 'Kitty'];
  }

  @Get('/wrapped-stream')
  @UseInterceptors(TransformInterceptor)
  wrappedStream() {
    return of('first', 'last');
  }

  @Get('/failing')
  @UseInterceptors(BadGatewayInterceptor)
  failing() {
    throw new Error('database down');
  }

  @Get('/slow')
  @UseInterceptors(TimeoutInterceptor)
  slow() {
    return NEVER;
  }

  @Get('/awaited')
  @UseInterceptors(AwaitingInterceptor)
  awaited() {
    return of(1, 2);
  }

  @Get('/interop')
  interop() {
    return new InteropSource();
  }
}

const app = createApp({ controllers: [CatsController], logger: false });

describe('Observables: handler and interceptor results', () => {
  it("answers a handler's of('Hello') with Hello, not {}", async () => {
    const response = await app.inject('/cats/hello');
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(response.body).to.equal('Hello');
  });

  it('answers with the last value emitted, as NestJS does', async () => {
    const response = await app.inject('/cats/count');
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.equal(3);
  });

  it('answers an Observable that completes without a value as undefined is answered: 204', async () => {
    const response = await app.inject('/cats/nothing');
    expect(response.statusCode).to.equal(204);
    expect(response.body).to.equal('');
  });

  it("sends an Observable's error through the filters", async () => {
    const response = await app.inject('/cats/missing/7');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'Cat 7 not found' });
  });

  it('answers an Observable returned by an async handler', async () => {
    const response = await app.inject('/cats/later');
    expect(response.json()).to.deep.equal({ name: 'Tom' });
  });

  it('answers an instance that only has the Symbol.observable interop method as that Observable', async () => {
    const response = await app.inject('/cats/interop');
    expect(response.body).to.equal('interop');
  });

  it('answers next.handle().pipe(map(...)) with the mapped value, not {"source":{}}', async () => {
    const response = await app.inject('/cats/wrapped');
    expect(response.json()).to.deep.equal({ data: ['Tom', 'Kitty'] });
  });

  it('maps every value of a handler Observable inside next.handle(), and answers the last', async () => {
    const response = await app.inject('/cats/wrapped-stream');
    expect(response.json()).to.deep.equal({ data: 'last' });
  });

  it('lets catchError turn a thrown error into an HTTPException', async () => {
    const response = await app.inject('/cats/failing');
    expect(response.statusCode).to.equal(502);
    expect(response.json()).to.deep.equal({ detail: 'Bad Gateway' });
  });

  it('lets timeout() end a handler that never answers', async () => {
    const response = await app.inject('/cats/slow');
    expect(response.statusCode).to.equal(408);
  });

  it("keeps `await next()` working: it resolves to the last value of the handler's Observable", async () => {
    const response = await app.inject('/cats/awaited');
    expect(response.json()).to.deep.equal({ awaited: 2 });
  });

  it('unsubscribes from the handler Observable when the client leaves before the answer', async () => {
    let subscribed = 0;
    let tornDown = 0;
    @Controller('/ticks')
    class TicksController {
      @Get()
      ticks() {
        return new Observable<number>((subscriber) => {
          subscribed++;
          const timer = setInterval(() => subscriber.next(Date.now()), 5);
          return () => {
            tornDown++;
            clearInterval(timer);
          };
        });
      }
    }
    const logger = new RecordingLogger();
    const server = createApp({ controllers: [TicksController], logger });
    const { port } = await server.listen(0);
    try {
      // 1. The client asks, and the handler's Observable starts.
      const request = httpRequest({ port, host: '127.0.0.1', path: '/ticks', agent: false });
      request.on('error', () => {});
      request.end();
      while (subscribed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // 2. The client leaves without an answer; the subscription ends.
      request.destroy();
      for (let waited = 0; tornDown === 0 && waited < 2000; waited += 5) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(tornDown).to.equal(1);
      expect(logger.errorsText()).to.equal('');
    } finally {
      await server.close();
    }
  });

  it('unsubscribes from an interceptor chain on next.handle() when the client leaves', async () => {
    let tornDown = false;
    @Controller('/chain')
    @UseInterceptors(TransformInterceptor)
    class ChainController {
      @Get()
      chain() {
        return interval(5).pipe(
          tap({
            finalize: () => {
              tornDown = true;
            },
          }),
        );
      }
    }
    const server = createApp({ controllers: [ChainController], logger: false });
    const { port } = await server.listen(0);
    try {
      const request = httpRequest({ port, host: '127.0.0.1', path: '/chain', agent: false });
      request.on('error', () => {});
      request.end();
      await new Promise((resolve) => setTimeout(resolve, 40));
      request.destroy();
      for (let waited = 0; !tornDown && waited < 2000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      expect(tornDown).to.equal(true);
    } finally {
      await server.close();
    }
  });
});

describe('Observables: guards', () => {
  function guardedBy(guard: CanActivate) {
    @Controller('/admin')
    class AdminController {
      @Get()
      @UseGuards(guard)
      panel() {
        return { ok: true };
      }
    }
    const logger = new RecordingLogger();
    return { app: createApp({ controllers: [AdminController], logger }), logger };
  }

  it('awaits an Observable of a boolean, then applies the fail-closed rule', async () => {
    expect((await guardedBy({ canActivate: () => of(true) }).app.inject('/admin')).statusCode).to.equal(200);
    expect((await guardedBy({ canActivate: () => of(false) }).app.inject('/admin')).statusCode).to.equal(403);
    // `of(false)` is truthy: NestJS code that returned it used to be let through; it is a refusal.
    expect((await guardedBy({ canActivate: () => EMPTY }).app.inject('/admin')).statusCode).to.equal(403);
    const { app, logger } = guardedBy({ canActivate: () => of('yes') as unknown as Observable<boolean> });
    expect((await app.inject('/admin')).statusCode).to.equal(500);
    expect(logger.errorsText()).to.include('CORBEL_ERR_INVALID_GUARD_RESULT');
  });

  it("answers a guard Observable's error through the filters", async () => {
    const { app } = guardedBy({ canActivate: () => throwError(() => new HTTPNotFound('No such panel')) });
    const response = await app.inject('/admin');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'No such panel' });
  });
});

describe('Observables: rxjs is optional', () => {
  it('without rxjs, next.handle() fails with CORBEL_ERR_MISSING_PEER_DEPENDENCY and `await next()` still works', () => {
    // A child process where require('rxjs') fails, as in an app that never installed it.
    const script = `
      const Module = require('node:module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'rxjs') throw Object.assign(new Error("Cannot find module 'rxjs'"), { code: 'MODULE_NOT_FOUND' });
        return resolve.call(this, request, ...rest);
      };
      const core = require('@corbel/core');
      const logged = [];
      const logger = { error: (context) => logged.push(context.code), warn() {}, info() {}, debug() {} };
      class Handled { intercept(context, next) { return next.handle(); } }
      class Awaited { async intercept(context, next) { return { value: await next() }; } }
      class Things { a() { return 1; } b() { return 2; } }
      core.Controller('/things')(Things);
      core.Get('/handled')(Things.prototype, 'a', Object.getOwnPropertyDescriptor(Things.prototype, 'a'));
      core.UseInterceptors(new Handled())(Things.prototype, 'a', Object.getOwnPropertyDescriptor(Things.prototype, 'a'));
      core.Get('/awaited')(Things.prototype, 'b', Object.getOwnPropertyDescriptor(Things.prototype, 'b'));
      core.UseInterceptors(new Awaited())(Things.prototype, 'b', Object.getOwnPropertyDescriptor(Things.prototype, 'b'));
      Reflect.defineMetadata('design:paramtypes', [], Things.prototype, 'a');
      Reflect.defineMetadata('design:paramtypes', [], Things.prototype, 'b');
      const app = core.createApp({ controllers: [Things], logger });
      (async () => {
        const handled = await app.inject('/things/handled');
        const awaited = await app.inject('/things/awaited');
        process.stdout.write(JSON.stringify({ handled: handled.statusCode, awaited: awaited.body, logged }));
      })();
    `;
    const repositoryRoot = join(__dirname, '..', '..', '..');
    const run = spawnSync(process.execPath, ['-e', script], { cwd: repositoryRoot, encoding: 'utf8' });
    expect(run.stderr).to.equal('');
    expect(JSON.parse(run.stdout)).to.deep.equal({
      handled: 500,
      awaited: '{"value":2}',
      logged: ['CORBEL_ERR_MISSING_PEER_DEPENDENCY'],
    });
  });
});
