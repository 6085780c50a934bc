// Interceptors: transform the result, time the call, map errors, short-circuit with a cached value.
import {
  type CallNext,
  Controller,
  createApp,
  type ExecutionContext,
  Get,
  HTTPException,
  Injectable,
  type Interceptor,
  json,
  Param,
  UseInterceptors,
} from '@corbel/core';
import { expect } from 'chai';

class WrapInterceptor implements Interceptor {
  async intercept(_context: ExecutionContext, next: CallNext) {
    return { data: await next() };
  }
}

class TimingInterceptor implements Interceptor {
  async intercept(_context: ExecutionContext, next: CallNext) {
    const started = performance.now();
    const result = await next();
    const elapsed = performance.now() - started;
    return json(result, 200, { 'Server-Timing': `handler;dur=${elapsed.toFixed(1)}` });
  }
}

class NotFoundError extends Error {}

class MapErrorsInterceptor implements Interceptor {
  async intercept(_context: ExecutionContext, next: CallNext) {
    try {
      return await next();
    } catch (error) {
      if (error instanceof NotFoundError) throw new HTTPException(404, error.message);
      throw error;
    }
  }
}

@Injectable()
class CacheInterceptor implements Interceptor {
  readonly #cache = new Map<string, unknown>();

  async intercept(context: ExecutionContext, next: CallNext) {
    const key = context.request.url;
    if (this.#cache.has(key)) return this.#cache.get(key);
    const result = await next();
    this.#cache.set(key, result);
    return result;
  }
}

let calls = 0;

@Controller('/items')
class ItemsController {
  @Get('/wrapped') @UseInterceptors(WrapInterceptor) wrapped() {
    return [1, 2];
  }

  @Get('/timed') @UseInterceptors(TimingInterceptor) async timed() {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { ok: true };
  }

  @Get('/missing/:id') @UseInterceptors(MapErrorsInterceptor) missing(@Param('id') id: number): never {
    throw new NotFoundError(`Item ${id} does not exist`);
  }

  @Get('/cached/:id') @UseInterceptors(CacheInterceptor) cached(@Param('id') id: number) {
    calls++;
    return { id, calls };
  }

  @Get('/nested') @UseInterceptors(WrapInterceptor, WrapInterceptor) nested() {
    return 'x';
  }
}

describe('pipeline: interceptors', () => {
  const app = createApp({ controllers: [ItemsController], logger: false });

  it('may transform the result', async () => {
    const response = await app.inject('/items/wrapped');
    expect(response.json()).to.deep.equal({ data: [1, 2] });
  });

  it('may time the call and answer with a response value of their own', async () => {
    const response = await app.inject('/items/timed');
    expect(response.statusCode).to.equal(200);
    expect(response.headers['server-timing']).to.match(/^handler;dur=\d+\.\d$/);
    expect(Number(/dur=([\d.]+)/.exec(String(response.headers['server-timing']))?.[1])).to.be.at.least(4);
    expect(response.json()).to.deep.equal({ ok: true });
  });

  it('may catch and map errors; the mapped error goes through the filters', async () => {
    const response = await app.inject('/items/missing/3');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'Item 3 does not exist' });
  });

  it('may short-circuit with a cached value: the handler is not called again', async () => {
    calls = 0;
    expect((await app.inject('/items/cached/1')).json()).to.deep.equal({ id: 1, calls: 1 });
    expect((await app.inject('/items/cached/1')).json()).to.deep.equal({ id: 1, calls: 1 });
    expect((await app.inject('/items/cached/2')).json()).to.deep.equal({ id: 2, calls: 2 });
  });

  it('nest: the first listed is the outermost', async () => {
    expect((await app.inject('/items/nested')).json()).to.deep.equal({ data: { data: 'x' } });
  });

  it('a class interceptor is one instance per module, whatever the number of routes using it', async () => {
    @Controller('/a')
    class AController {
      @Get() @UseInterceptors(CacheInterceptor) a() {
        return { from: 'a' };
      }
      @Get('/again') @UseInterceptors(CacheInterceptor) again() {
        return { from: 'again' };
      }
    }
    const shared = createApp({ controllers: [AController], logger: false });
    expect((await shared.inject('/a')).json()).to.deep.equal({ from: 'a' });
    expect((await shared.inject('/a/again')).json()).to.deep.equal({ from: 'again' });
  });
});
