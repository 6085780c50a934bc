// @Sse: values become events on the wire, exactly and safely; errors before and after the first event; heartbeats.
import {
  type CallNext,
  Catch,
  Controller,
  type CorbelRequest,
  createApp,
  type ExceptionFilter,
  type ExecutionContext,
  Headers,
  HTTPForbidden,
  type Interceptor,
  json,
  type MessageEvent,
  type Middleware,
  Req,
  Sse,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UseMiddleware,
} from '@corbel/core';
import { expect } from 'chai';
import { type Served, serve } from '../hostile/support/fixtures';
import { openStream, parseEvents } from '../support/event-stream-reader';
import { RecordingLogger } from '../support/recording-logger';
import { sleep, TestObservable } from './support/sources';

class QuotaExceeded extends Error {}

// /events/waits yields one event, then waits for the test to see it: an event must never wait for the next one.
let releaseSecond: () => void = () => {};
const secondMayGo = () =>
  new Promise<void>((resolve) => {
    releaseSecond = resolve;
  });

@Catch(QuotaExceeded)
class QuotaFilter implements ExceptionFilter<QuotaExceeded> {
  catch() {
    return json({ detail: 'Quota exceeded', retryIn: 60 }, 429);
  }
}

const pings = new TestObservable((observer) => {
  observer.next({ event: 'ping', data: 1 });
  observer.next({ event: 'ping', data: 2 });
  observer.complete();
  return undefined;
});

class AllowHeaderGuard {
  canActivate(context: ExecutionContext) {
    return context.request.headers['x-allow'] === 'yes';
  }
}

const middlewareCalls: string[] = [];
class CountingMiddleware implements Middleware {
  use(request: CorbelRequest, next: () => Promise<unknown>) {
    middlewareCalls.push(request.path);
    return next();
  }
}

/** Wraps each value of the handler's iterable: proof that the interceptor gets the iterable itself. */
class NumberingInterceptor implements Interceptor {
  async intercept(_context: ExecutionContext, next: CallNext) {
    const source = (await next()) as AsyncIterable<unknown>;
    return (async function* () {
      let position = 0;
      for await (const value of source) yield { position: position++, value };
    })();
  }
}

@Controller('/events')
class EventsController {
  @Sse('/shapes')
  async *shapes() {
    yield { n: 1 };
    yield { data: { n: 2 }, event: 'update', id: '7', retry: 2500 } satisfies MessageEvent;
    yield 'two\nlines';
    yield 'crlf\r\nand\rcr';
    yield { data: 'text data', type: 'nest-style' };
    yield [1, 'two'];
    yield { id: 3, data: 'number id' };
  }

  @Sse('/waits')
  async *waits() {
    yield 'first';
    await secondMayGo();
    yield 'second';
  }

  @Sse('/injection')
  injection() {
    return ['innocent\n\nevent: admin\ndata: forged\r\nid: 666'];
  }

  @Sse('/bad-id')
  async *badId() {
    yield { id: 'ok', data: 1 };
    yield { id: 'line\nbreak', data: 2 };
  }

  @Sse('/observable')
  observable() {
    return pings;
  }

  @Sse('/array')
  array() {
    return [{ data: 'a' }, { data: 'b' }];
  }

  // The checks run when the first event is pulled, after the handler returned: still an ordinary HTTP answer.
  @Sse('/forbidden-first')
  async *forbiddenFirst(@Headers('x-user') user?: string) {
    if (user !== 'owner') throw new HTTPForbidden('Not your stream');
    yield 'secret';
  }

  @Sse('/quota-first')
  @UseFilters(QuotaFilter)
  async *quotaFirst(@Headers('x-quota') quota?: string) {
    if (quota === undefined) throw new QuotaExceeded();
    yield 'within quota';
  }

  @Sse('/fails-later')
  async *failsLater() {
    yield { data: 'first' };
    throw new Error('database went away');
  }

  @Sse('/quota-later')
  @UseFilters(QuotaFilter)
  async *quotaLater() {
    yield { data: 'first' };
    throw new QuotaExceeded();
  }

  @Sse('/resume')
  resume(@Headers('last-event-id') fromHeader: string | undefined, @Req() request: CorbelRequest) {
    return [{ data: { fromHeader: fromHeader ?? null, fromRequest: request.lastEventId ?? null } }];
  }

  @Sse('/quiet', { heartbeatMs: 20 })
  async *quiet() {
    await sleep(120);
    yield { data: 'late' };
  }

  @Sse('/guarded')
  @UseGuards(AllowHeaderGuard)
  @UseMiddleware(CountingMiddleware)
  @UseInterceptors(NumberingInterceptor)
  async *guarded() {
    yield 'a';
    yield 'b';
  }

  @Sse('/not-a-stream')
  notAStream() {
    return 'just a string';
  }
}

describe('@Sse event streams', () => {
  const logger = new RecordingLogger();
  let served: Served;

  before(async () => {
    served = await serve(createApp({ controllers: [EventsController], logger }));
  });
  after(() => served.app.close());
  beforeEach(() => {
    logger.records.length = 0;
  });

  describe('the answer', () => {
    it('is text/event-stream, uncached, kept alive and unbuffered by proxies, with no content-length', async () => {
      const stream = await openStream(served.url, '/events/array');
      expect(stream.status).to.equal(200);
      expect(stream.headers['content-type']).to.equal('text/event-stream; charset=utf-8');
      expect(stream.headers['cache-control']).to.equal('no-cache');
      expect(stream.headers.connection).to.equal('keep-alive');
      expect(stream.headers['x-accel-buffering']).to.equal('no');
      expect(stream.headers['content-length']).to.equal(undefined);
      expect(stream.headers['content-encoding']).to.equal(undefined);
      expect(await stream.ended()).to.equal('data: a\n\ndata: b\n\n');
    });

    it('writes each value as one event: MessageEvents field by field, strings as data lines, the rest as JSON', async () => {
      const stream = await openStream(served.url, '/events/shapes');
      expect(await stream.ended()).to.equal(
        [
          'data: {"n":1}\n\n',
          'event: update\nid: 7\nretry: 2500\ndata: {"n":2}\n\n',
          'data: two\ndata: lines\n\n',
          'data: crlf\ndata: and\ndata: cr\n\n',
          'event: nest-style\ndata: text data\n\n',
          'data: [1,"two"]\n\n',
          'id: 3\ndata: number id\n\n',
        ].join(''),
      );
    });

    it('each event is on the wire as soon as it is produced, without waiting for the next', async () => {
      const stream = await openStream(served.url, '/events/waits');
      // 1. The first event arrives while the generator is still waiting to produce the second.
      expect(await stream.waitFor((text) => text.includes('data: first\n\n'))).to.equal('data: first\n\n');
      // 2. Only then may it go on.
      releaseSecond();
      expect(await stream.ended()).to.equal('data: first\n\ndata: second\n\n');
    });

    it('a string holding line breaks cannot start a field or a second event: every line stays data', async () => {
      const stream = await openStream(served.url, '/events/injection');
      const events = parseEvents(await stream.ended());
      expect(events).to.deep.equal([{ data: 'innocent\n\nevent: admin\ndata: forged\nid: 666' }]);
    });

    it('an event id holding a line break is not written: the stream ends with event: error, and the log says why', async () => {
      const stream = await openStream(served.url, '/events/bad-id');
      const text = await stream.ended();
      expect(text).to.equal('id: ok\ndata: 1\n\nevent: error\ndata: {"detail":"Internal Server Error"}\n\n');
      expect(logger.errorsText()).to.include('An event id must be a string (or a finite number) without CR, LF or NUL');
    });

    it('streams an Observable and a plain array as well as an async generator', async () => {
      expect(await (await openStream(served.url, '/events/observable')).ended()).to.equal(
        'event: ping\ndata: 1\n\nevent: ping\ndata: 2\n\n',
      );
      expect(pings.unsubscriptions, 'the completed subscription is released').to.equal(pings.subscriptions);
    });
  });

  describe('errors', () => {
    it('an error before the first event is answered by the filters, as for any route', async () => {
      const forbidden = await openStream(served.url, '/events/forbidden-first');
      expect(forbidden.status).to.equal(403);
      expect(forbidden.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(await forbidden.ended()).to.equal('{"detail":"Not your stream"}');

      const quota = await openStream(served.url, '/events/quota-first');
      expect(quota.status).to.equal(429);
      expect(JSON.parse(await quota.ended())).to.deep.equal({ detail: 'Quota exceeded', retryIn: 60 });
    });

    it('an error after the first event is logged, sent as event: error with the 500 body, and ends the stream', async () => {
      const stream = await openStream(served.url, '/events/fails-later');
      expect(stream.status).to.equal(200);
      expect(await stream.ended()).to.equal(
        'data: first\n\nevent: error\ndata: {"detail":"Internal Server Error"}\n\n',
      );
      expect(logger.errorsText()).to.include('The event stream failed after it started');
      expect(logger.errorsText()).to.include('database went away');
    });

    it("an error after the first event that a filter answers sends the filter's body as the error event", async () => {
      const stream = await openStream(served.url, '/events/quota-later');
      const events = parseEvents(await stream.ended());
      expect(events).to.deep.equal([
        { data: 'first' },
        { event: 'error', data: '{"detail":"Quota exceeded","retryIn":60}' },
      ]);
    });

    it('a handler that returns no stream answers 500, and the log says what it returned', async () => {
      const stream = await openStream(served.url, '/events/not-a-stream');
      expect(stream.status).to.equal(500);
      expect(await stream.ended()).to.equal('{"detail":"Internal Server Error"}');
      expect(logger.errorsText()).to.include(
        '@Sse handler EventsController.notAStream must return an async iterable, an iterable or an Observable; it returned a string',
      );
    });
  });

  describe('the request', () => {
    it('gives Last-Event-ID to @Headers and to request.lastEventId', async () => {
      const resumed = await openStream(served.url, '/events/resume', { 'Last-Event-ID': '41' });
      expect(parseEvents(await resumed.ended())).to.deep.equal([{ data: '{"fromHeader":"41","fromRequest":"41"}' }]);
      const fresh = await openStream(served.url, '/events/resume');
      expect(parseEvents(await fresh.ended())).to.deep.equal([{ data: '{"fromHeader":null,"fromRequest":null}' }]);
    });

    it('runs middleware and guards as for any route, and an interceptor gets the iterable to wrap', async () => {
      middlewareCalls.length = 0;
      const refused = await openStream(served.url, '/events/guarded');
      expect(refused.status).to.equal(403);
      await refused.ended();
      const allowed = await openStream(served.url, '/events/guarded', { 'x-allow': 'yes' });
      expect(parseEvents(await allowed.ended())).to.deep.equal([
        { data: '{"position":0,"value":"a"}' },
        { data: '{"position":1,"value":"b"}' },
      ]);
      expect(middlewareCalls).to.deep.equal(['/events/guarded', '/events/guarded']);
    });
  });

  describe('heartbeat', () => {
    it('sends ": ping" every heartbeatMs while the source is quiet, which also opens the stream before its first event', async () => {
      const stream = await openStream(served.url, '/events/quiet');
      expect(stream.status).to.equal(200);
      const text = await stream.ended();
      const [beforeEvent] = text.split('data: late');
      expect(beforeEvent.split(': ping\n\n').length - 1).to.be.at.least(2);
      expect(beforeEvent.replaceAll(': ping\n\n', '')).to.equal('');
      expect(text.endsWith('data: late\n\n')).to.equal(true);
    });

    it('takes its default interval from createApp({ sse: { heartbeatMs } })', async () => {
      @Controller()
      class QuietController {
        @Sse('/quiet')
        async *quiet() {
          await sleep(100);
          yield 'done';
        }
      }
      const quiet = await serve(createApp({ controllers: [QuietController], logger: false, sse: { heartbeatMs: 15 } }));
      try {
        const text = await (await openStream(quiet.url, '/quiet')).ended();
        expect(text).to.match(/^(: ping\n\n){2,}data: done\n\n$/);
      } finally {
        await quiet.app.close();
      }
    });

    it('is off with heartbeatMs: 0', async () => {
      @Controller()
      class SilentController {
        @Sse('/silent', { heartbeatMs: 0 })
        async *silent() {
          await sleep(60);
          yield 'done';
        }
      }
      const silent = await serve(
        createApp({ controllers: [SilentController], logger: false, sse: { heartbeatMs: 10 } }),
      );
      try {
        expect(await (await openStream(silent.url, '/silent')).ended()).to.equal('data: done\n\n');
      } finally {
        await silent.app.close();
      }
    });
  });
});
