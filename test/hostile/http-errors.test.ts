// Hostile throws and broken filters: whatever a handler or filter does, the client gets one clean 500.
import { Readable } from 'node:stream';
import {
  Catch,
  Controller,
  createApp,
  type ExceptionFilter,
  Get,
  HTTPException,
  HttpCode,
  type Logger,
  Param,
  Redirect,
  UseFilters,
} from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { exchange, rawBody, rawStatus } from '../support/raw-socket';
import { RecordingLogger } from '../support/recording-logger';
import { delay, HealthController, type Served, serve } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

const INTERNAL = '{"detail":"Internal Server Error"}';

class CircularError extends Error {
  self: CircularError = this;
  list: unknown[] = [];
  constructor() {
    super('circular');
    this.list.push(this);
    this.cause = this;
  }
}

function errorWithThrowingMessage(): Error {
  const error = new Error('original');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('message getter exploded');
    },
  });
  return error;
}

function errorWithThrowingStackAndName(): Error {
  const error = new Error('original');
  for (const key of ['stack', 'name']) {
    Object.defineProperty(error, key, {
      get() {
        throw new Error(`${key} getter exploded`);
      },
    });
  }
  return error;
}

function hostileProxy(): object {
  const trap = () => {
    throw new Error('proxy trap exploded');
  };
  return new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });
}

/** Everything a handler might throw, by route name. */
const thrown: Record<string, () => unknown> = {
  string: () => 'a plain string',
  null: () => null,
  undefined: () => undefined,
  number: () => 42,
  'status-object': () => ({ statusCode: 404, message: 'not an HTTPException', headers: { 'x-leak': '1' } }),
  circular: () => new CircularError(),
  'message-getter': errorWithThrowingMessage,
  'stack-and-name-getters': errorWithThrowingStackAndName,
  proxy: hostileProxy,
  'frozen-null-prototype': () => Object.freeze(Object.create(null)),
};

@Controller('/throw')
class ThrowingController {
  @Get('/:kind')
  throwIt(@Param('kind') kind: string): never {
    throw thrown[kind]();
  }

  @Get('/async/:kind')
  async rejectIt(@Param('kind') kind: string): Promise<never> {
    await Promise.resolve();
    throw thrown[kind]();
  }
}

@Controller('/returns')
class ReturningController {
  @Get('/circular')
  circular() {
    const value: Record<string, unknown> = {};
    value.self = value;
    return value;
  }

  @Get('/bigint')
  bigint() {
    return { value: 10n };
  }

  @Get('/bad-to-json')
  badToJson() {
    return {
      toJSON() {
        throw new Error('toJSON exploded');
      },
    };
  }
}

/** Statuses no HTTP client can act on as a final answer. */
const impossibleStatuses: unknown[] = [0, -1, 99, 100, 101, 103, 600, 1000, 200.5, Number.NaN, Infinity, '404'];
const SECRET = 'do-not-leak-this';

@Controller('/http-exception')
class HttpExceptionController {
  @Get('/status/:index')
  status(@Param('index') index: number): never {
    throw new HTTPException(impossibleStatuses[index] as number, SECRET);
  }

  @Get('/crlf-value')
  crlfValue(): never {
    throw new HTTPException(400, 'bad', { 'X-Note': `ok\r\nSet-Cookie: ${SECRET}=1` });
  }

  @Get('/lf-value')
  lfValue(): never {
    throw new HTTPException(401, 'bad', [['WWW-Authenticate', `Bearer\n${SECRET}: 1`]]);
  }

  @Get('/crlf-name')
  crlfName(): never {
    throw new HTTPException(400, 'bad', { [`X-A\r\n${SECRET}`]: 'v' });
  }

  @Get('/nul-value')
  nulValue(): never {
    throw new HTTPException(400, 'bad', { 'X-Note': `a\u0000${SECRET}` });
  }

  @Get('/undefined-value')
  undefinedValue(): never {
    throw new HTTPException(400, 'bad', { 'X-Note': undefined as unknown as string });
  }

  @Get('/redirect')
  redirect(): never {
    throw new Redirect(`/next\r\nSet-Cookie: ${SECRET}=1`);
  }
}

class FilterFailure extends Error {}
class FilterRejection extends Error {}
class FilterCircular extends Error {}
class FilterThrowsNull extends Error {}
class FilterThrowsProxy extends Error {}
class FilterRejectsProxy extends Error {}

@Catch(FilterFailure)
class ThrowingFilter implements ExceptionFilter {
  catch(): unknown {
    throw new Error('filter exploded');
  }
}

@Catch(FilterRejection)
class RejectingFilter implements ExceptionFilter {
  async catch(): Promise<unknown> {
    await Promise.resolve();
    throw new Error('filter rejected');
  }
}

@Catch(FilterCircular)
class CircularFilter implements ExceptionFilter {
  catch(): unknown {
    const value: Record<string, unknown> = { error: 'circular' };
    value.self = value;
    return value;
  }
}

@Catch(FilterThrowsNull)
class NullThrowingFilter implements ExceptionFilter {
  catch(): unknown {
    throw null;
  }
}

@Catch(FilterThrowsProxy)
class ProxyThrowingFilter implements ExceptionFilter {
  catch(): unknown {
    throw hostileProxy();
  }
}

@Catch(FilterRejectsProxy)
class ProxyRejectingFilter implements ExceptionFilter {
  catch(): unknown {
    return Promise.reject(hostileProxy());
  }
}

@Controller('/filters')
@UseFilters(
  ThrowingFilter,
  RejectingFilter,
  CircularFilter,
  NullThrowingFilter,
  ProxyThrowingFilter,
  ProxyRejectingFilter,
)
class FilteredController {
  @Get('/throws')
  throws(): never {
    throw new FilterFailure('original failure');
  }

  @Get('/rejects')
  rejects(): never {
    throw new FilterRejection('original rejection');
  }

  @Get('/circular')
  circular(): never {
    throw new FilterCircular('original circular');
  }

  @Get('/throws-null')
  throwsNull(): never {
    throw new FilterThrowsNull('original null');
  }

  @Get('/throws-proxy')
  throwsProxy(): never {
    throw new FilterThrowsProxy('original proxy');
  }

  @Get('/rejects-proxy')
  rejectsProxy(): never {
    throw new FilterRejectsProxy('original proxy');
  }
}

describe('hostile errors', () => {
  let served: Served;
  const logger = new RecordingLogger();

  before(async () => {
    served = await serve(
      createApp({
        controllers: [
          HealthController,
          ThrowingController,
          ReturningController,
          HttpExceptionController,
          FilteredController,
        ],
        logger,
      }),
    );
  });
  after(() => served.app.close());
  beforeEach(() => {
    logger.records.length = 0;
  });
  guardProcess(() => expectServing(served.url));

  async function expectInternalError(path: string): Promise<void> {
    const answer = await send(served.url, { path });
    expect(answer.status, path).to.equal(500);
    expect(answer.body, path).to.equal(INTERNAL);
    expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
  }

  function errorRecords() {
    return logger.records.filter((record) => record.level === 'error');
  }

  // RecordingLogger's own rendering would trip over the hostile Proxy, so render each field defensively.
  function loggedText(): string {
    const render = (value: unknown): string => {
      try {
        return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
      } catch {
        return '[unrenderable value]';
      }
    };
    return errorRecords()
      .map(({ message, context }) =>
        [message, ...Object.values(context as Record<string, unknown>).map(render)].join(' '),
      )
      .join('\n');
  }

  describe('handlers that throw what is not an Error', () => {
    for (const kind of Object.keys(thrown)) {
      it(`answers 500 and logs when a handler throws ${kind}`, async () => {
        await expectInternalError(`/throw/${kind}`);
        expect(errorRecords()).to.have.length.greaterThan(0);
      });

      it(`answers 500 and logs when an async handler rejects with ${kind}`, async () => {
        await expectInternalError(`/throw/async/${kind}`);
        expect(errorRecords()).to.have.length.greaterThan(0);
      });
    }

    it('logs the thrown value itself, so the cause can be found', async () => {
      await expectInternalError('/throw/string');
      expect(errorRecords()[0].context).to.deep.include({ err: 'a plain string' });
    });

    it('does not take a statusCode property on a plain object as a status', async () => {
      const answer = await send(served.url, { path: '/throw/status-object' });
      expect(answer.status).to.equal(500);
      expect(answer.headers).to.not.have.property('x-leak');
    });
  });

  describe('handlers that return what cannot be sent', () => {
    for (const kind of ['circular', 'bigint', 'bad-to-json']) {
      it(`answers 500 and logs when a handler returns a ${kind} value`, async () => {
        await expectInternalError(`/returns/${kind}`);
        expect(errorRecords()).to.have.length(1);
      });
    }
  });

  describe('HTTPException at the wire boundary', () => {
    impossibleStatuses.forEach((status, index) => {
      it(`answers 500 with nothing of the exception on the wire for status ${String(status)}`, async () => {
        const { text, closedByServer } = await exchange(served.url, [
          `GET /http-exception/status/${index} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        ]);
        expect(closedByServer, 'the answer is complete: no hang').to.equal(true);
        expect(rawStatus(text)).to.equal(500);
        expect(rawBody(text)).to.equal(INTERNAL);
        expect(text).to.not.include(SECRET);
        expect(logger.errorsText()).to.include('Invalid response status');
      });
    });

    for (const kind of ['crlf-value', 'lf-value', 'crlf-name', 'nul-value', 'undefined-value', 'redirect']) {
      it(`answers 500 with nothing of the bad header on the wire (${kind})`, async () => {
        const { text, closedByServer } = await exchange(served.url, [
          `GET /http-exception/${kind} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        ]);
        expect(closedByServer).to.equal(true);
        expect(rawStatus(text)).to.equal(500);
        expect(rawBody(text)).to.equal(INTERNAL);
        expect(text).to.not.include(SECRET);
        expect(text.toLowerCase()).to.not.include('set-cookie');
        expect(logger.errorsText()).to.include('Invalid response header');
      });
    }
  });

  describe('filters that fail', () => {
    const cases: [string, string, string][] = [
      ['throws', 'filter exploded', 'original failure'],
      ['rejects', 'filter rejected', 'original rejection'],
      ['circular', 'circular structure', 'original circular'],
      ['throws-null', 'null', 'original null'],
    ];
    for (const [kind, filterError, originalError] of cases) {
      it(`answers 500 and logs both errors when a filter ${kind}`, async () => {
        await expectInternalError(`/filters/${kind}`);
        const text = loggedText();
        expect(text).to.include(originalError);
        expect(text).to.include(filterError);
      });
    }

    // The dispatcher asks `filterError instanceof WebSocketException` unguarded (filters/error-dispatcher.ts), so
    // a Proxy whose traps throw replaces the filter's own failure in the log with the trap's error.
    for (const kind of ['throws-proxy', 'rejects-proxy']) {
      it(`answers 500 and logs the hostile value itself when a filter ${kind}`, async () => {
        await expectInternalError(`/filters/${kind}`);
        const text = loggedText();
        expect(text).to.include('original proxy');
        expect(text).to.include('[unrenderable value]');
        expect(text).to.not.include('proxy trap exploded');
      });
    }
  });
});

@Controller('/streams')
class FailingStreamController {
  @Get('/breaks')
  breaks() {
    async function* chunks() {
      yield 'first chunk\n';
      await delay(10);
      throw new Error('the source failed mid-stream');
    }
    return Readable.from(chunks());
  }
}

@Controller('/late')
class InterimStatusController {
  @Get()
  @HttpCode(101)
  switching() {
    return 'never sent';
  }
}

describe('hostile errors meet fragile loggers', () => {
  const throwingLogger: Logger = {
    error: () => {
      throw new Error('the logger itself failed');
    },
    warn: () => {},
    info: () => {},
    debug: () => {},
  };

  it('@HttpCode with a 1xx status is refused at start-up: a client would wait for the real answer forever', () => {
    expect(() => createApp({ controllers: [InterimStatusController], logger: false }))
      .to.throw('@HttpCode(101) on InterimStatusController.switching: expected an integer status from 200 to 599')
      .with.property('code', 'CORBEL_ERR_INVALID_ROUTE_OPTION');
  });

  describe('a logger whose error() throws', () => {
    let served: Served;
    before(async () => {
      served = await serve(
        createApp({
          controllers: [
            HealthController,
            ThrowingController,
            HttpExceptionController,
            FilteredController,
            FailingStreamController,
          ],
          logger: throwingLogger,
        }),
      );
    });
    after(() => served.app.close());
    guardProcess(() => expectServing(served.url));

    for (const path of ['/throw/circular', '/throw/async/proxy', '/http-exception/crlf-value', '/filters/rejects']) {
      it(`still answers 500 to ${path}`, async () => {
        const answer = await send(served.url, { path });
        expect(answer.status).to.equal(500);
        expect(answer.body).to.equal(INTERNAL);
      });
    }

    it('still cuts the connection when a streamed answer fails after its headers', async () => {
      const { text, closedByServer } = await exchange(served.url, [
        'GET /streams/breaks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ]);
      expect(rawStatus(text)).to.equal(200);
      expect(text).to.include('first chunk');
      // A chunked body that never got its last chunk: the client can tell the answer is incomplete.
      expect(text).to.not.match(/\r\n0\r\n\r\n$/);
      expect(closedByServer).to.equal(true);
    });
  });

  describe('the default logger (stderr)', () => {
    let served: Served;
    let written: string[] = [];
    const originalWrite = process.stderr.write;

    before(async () => {
      served = await serve(createApp({ controllers: [HealthController, ThrowingController] }));
    });
    after(() => served.app.close());
    beforeEach(() => {
      written = [];
      // Capture rather than print: these errors are expected.
      process.stderr.write = ((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stderr.write;
    });
    afterEach(() => {
      process.stderr.write = originalWrite;
    });
    guardProcess(() => expectServing(served.url));

    for (const kind of Object.keys(thrown)) {
      it(`renders a thrown ${kind} without failing, and answers 500`, async () => {
        const answer = await send(served.url, { path: `/throw/${kind}` });
        expect(answer.status).to.equal(500);
        expect(answer.body).to.equal(INTERNAL);
        expect(written.join('')).to.include('[corbel] ERROR');
      });
    }
  });
});
