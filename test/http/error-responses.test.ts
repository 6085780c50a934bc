// The default error responses: what a client sees for each thrown value, and what only the logger sees.
import { Readable } from 'node:stream';
import {
  type App,
  Controller,
  createApp,
  Get,
  HTTPException,
  HTTPForbidden,
  HTTPNotFound,
  json,
  Param,
  Redirect,
  RequestValidationError,
} from '@corbel/core';
import { expect } from 'chai';
import { rawHeaderValues, send } from '../support/http-client';
import { exchange, statusLines } from '../support/raw-socket';
import { RecordingLogger } from '../support/recording-logger';

const JSON_TYPE = 'application/json; charset=utf-8';
const INTERNAL = '{"detail":"Internal Server Error"}';

class PaymentRequired extends HTTPException {
  constructor() {
    super(402, 'Pay first');
  }
}

const queryErrors = new RequestValidationError([
  { loc: ['page'], msg: 'Input should be greater than 0', type: 'greater_than', in: 'query' },
  { loc: ['size'], msg: 'Field required', type: 'missing', in: 'query' },
]);

/** What each route throws; the route name is the key. */
const throwers: Record<string, () => unknown> = {
  'auth-required': () => {
    throw new HTTPException(401, 'Auth required', { 'WWW-Authenticate': 'Bearer' });
  },
  'two-cookies': () => {
    throw new HTTPException(400, '', [
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);
  },
  teapot: () => {
    throw new HTTPException(418, 'short and stout', { 'X-Kettle': 'on' });
  },
  'empty-detail': () => {
    throw new HTTPException(404);
  },
  'empty-detail-503': () => {
    throw new HTTPException(503, '');
  },
  'no-content': () => {
    throw new HTTPException(204, 'ignored', { 'X-Reason': 'none' });
  },
  'not-modified': () => {
    throw new HTTPException(304, 'ignored', { ETag: '"v1"' });
  },
  'not-found': () => {
    throw new HTTPNotFound();
  },
  forbidden: () => {
    throw new HTTPForbidden('Admins only');
  },
  subclass: () => {
    throw new PaymentRequired();
  },
  redirect: () => {
    throw new Redirect('/login');
  },
  'redirect-307': () => {
    throw new Redirect('https://example.com/elsewhere', 307);
  },
  'validation-query': () => {
    throw queryErrors;
  },
  'validation-header': () => {
    throw new RequestValidationError([{ loc: ['x-token'], msg: 'Field required', type: 'missing', in: 'header' }]);
  },
  'validation-path': () => {
    throw new RequestValidationError([{ loc: ['id'], msg: 'bad', type: 'number_parsing', in: 'path' }]);
  },
  error: () => {
    throw new Error('database password is hunter2');
  },
  'type-error': () => {
    const missing = undefined as unknown as { field: string };
    return missing.field;
  },
  string: () => {
    throw 'a string with a secret';
  },
  null: () => {
    throw null;
  },
  undefined: () => {
    throw undefined;
  },
  rejected: () => Promise.reject(new Error('rejected with a secret')),
  'rejected-string': () => Promise.reject('rejected string secret'),
  'async-throw': async () => {
    await Promise.resolve();
    throw new Error('async secret');
  },
  'status-0': () => {
    throw new HTTPException(0, 'zero');
  },
  'status-1000': () => {
    throw new HTTPException(1000, 'thousand');
  },
  'status-200.5': () => {
    throw new HTTPException(200.5, 'fraction');
  },
  'crlf-value': () => {
    throw new HTTPException(400, 'bad header', { 'X-Bad': 'a\r\nX-Injected: 1' });
  },
  'crlf-name': () => {
    throw new HTTPException(400, 'bad header', [['X-Bad\r\nX-Injected', '1']]);
  },
  'helper-bad-status': () => json({ ok: true }, 1000),
  'helper-crlf': () => json({ ok: true }, 200, { 'X-Helper': 'v\nX-Injected: 1' }),
};

@Controller('/e')
class ErrorsController {
  @Get('/:name')
  run(@Param('name') name: string) {
    return throwers[name]();
  }

  @Get('/stream/breaks')
  breaks() {
    let step = 0;
    return new Readable({
      read() {
        step += 1;
        if (step === 1) this.push('partial body, ');
        // 2. After the status line and a first chunk are on the wire, the stream fails.
        else setTimeout(() => this.destroy(new Error('disk gone mid-stream')), 20);
      },
    });
  }

  @Get('/stream/slow')
  slow() {
    let sent = 0;
    const stream = new Readable({
      read() {
        // Bounded: at most 200 chunks, 10 ms apart, far longer than the client listens.
        if (sent >= 200) this.push(null);
        else setTimeout(() => this.push(`chunk ${sent++}\n`), 10);
      },
    });
    stream.on('close', () => {
      slowStreamClosed = true;
    });
    return stream;
  }

  @Get('/stream/ok')
  ok() {
    return 'still serving';
  }
}

let slowStreamClosed = false;

function buildApp(logger: RecordingLogger): App {
  return createApp({ controllers: [ErrorsController], logger });
}

describe('default error responses', () => {
  let logger: RecordingLogger;
  let app: App;
  beforeEach(() => {
    logger = new RecordingLogger();
    app = buildApp(logger);
  });

  const get = (name: string) => app.inject({ method: 'GET', url: `/e/${name}` });

  describe('HTTPException', () => {
    it("the seed's HTTPException(401, 'Auth required', { 'WWW-Authenticate': 'Bearer' })", async () => {
      const response = await get('auth-required');
      expect(response.statusCode).to.equal(401);
      expect(response.headers['www-authenticate']).to.equal('Bearer');
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.body).to.equal('{"detail":"Auth required"}');
    });

    it('answers with its status, its headers and {"detail": ...}', async () => {
      const response = await get('teapot');
      expect(response.statusCode).to.equal(418);
      expect(response.headers['x-kettle']).to.equal('on');
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.json()).to.deep.equal({ detail: 'short and stout' });
    });

    it("an empty detail becomes the status's reason phrase", async () => {
      const notFound = await get('empty-detail');
      expect(notFound.statusCode).to.equal(404);
      expect(notFound.body).to.equal('{"detail":"Not Found"}');
      const unavailable = await get('empty-detail-503');
      expect(unavailable.statusCode).to.equal(503);
      expect(unavailable.body).to.equal('{"detail":"Service Unavailable"}');
    });

    it('204 gets no body and no content-type, but keeps its headers', async () => {
      const response = await get('no-content');
      expect(response.statusCode).to.equal(204);
      expect(response.body).to.equal('');
      expect(response.headers['content-type']).to.equal(undefined);
      expect(response.headers['x-reason']).to.equal('none');
    });

    it('304 gets no body and no content-type, but keeps its headers', async () => {
      const response = await get('not-modified');
      expect(response.statusCode).to.equal(304);
      expect(response.body).to.equal('');
      expect(response.headers['content-type']).to.equal(undefined);
      expect(response.headers.etag).to.equal('"v1"');
    });

    it('the subclasses answer the same way, with their default detail', async () => {
      const notFound = await get('not-found');
      expect(notFound.statusCode).to.equal(404);
      expect(notFound.body).to.equal('{"detail":"Not found"}');
      const forbidden = await get('forbidden');
      expect(forbidden.statusCode).to.equal(403);
      expect(forbidden.body).to.equal('{"detail":"Admins only"}');
    });

    it("a user's subclass of HTTPException answers through the HTTPException default", async () => {
      const response = await get('subclass');
      expect(response.statusCode).to.equal(402);
      expect(response.json()).to.deep.equal({ detail: 'Pay first' });
    });

    it('an HTTPException is not logged as an error', async () => {
      await get('teapot');
      expect(logger.errorsText()).to.equal('');
    });
  });

  describe('Redirect', () => {
    it('answers its status, the Location header and an empty body', async () => {
      const response = await get('redirect');
      expect(response.statusCode).to.equal(302);
      expect(response.headers.location).to.equal('/login');
      expect(response.body).to.equal('');
    });

    it('keeps a status given to it', async () => {
      const response = await get('redirect-307');
      expect(response.statusCode).to.equal(307);
      expect(response.headers.location).to.equal('https://example.com/elsewhere');
      expect(response.body).to.equal('');
    });
  });

  describe('RequestValidationError', () => {
    it('in the query answers 422 with exactly errors() as the body', async () => {
      const response = await get('validation-query');
      expect(response.statusCode).to.equal(422);
      expect(response.headers['content-type']).to.match(/^application\/json/);
      expect(response.json()).to.deep.equal(queryErrors.errors());
      expect(response.body).to.equal(JSON.stringify(queryErrors.errors()));
    });

    it('in a header answers 422 too', async () => {
      const response = await get('validation-header');
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([
        { loc: ['x-token'], msg: 'Field required', type: 'missing', in: 'header' },
      ]);
    });

    it('in the path answers as HTTPNotFound: 404 {"detail":"Not found"}', async () => {
      const response = await get('validation-path');
      expect(response.statusCode).to.equal(404);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.body).to.equal('{"detail":"Not found"}');
    });
  });

  describe('anything else: 500, and the internals go to the logger only', () => {
    const cases: [string, string | null][] = [
      ['error', 'database password is hunter2'],
      ['type-error', null],
      ['string', 'a string with a secret'],
      ['null', null],
      ['undefined', null],
      ['rejected', 'rejected with a secret'],
      ['rejected-string', 'rejected string secret'],
      ['async-throw', 'async secret'],
    ];
    for (const [name, secret] of cases) {
      it(`${name} → 500 {"detail":"Internal Server Error"}, logged`, async () => {
        const response = await get(name);
        expect(response.statusCode).to.equal(500);
        expect(response.headers['content-type']).to.equal(JSON_TYPE);
        expect(response.body).to.equal(INTERNAL);
        const errors = logger.records.filter((record) => record.level === 'error');
        expect(errors).to.have.length(1);
        expect(errors[0].context).to.have.property('err');
        if (secret !== null) {
          expect(logger.errorsText()).to.include(secret);
          expect(JSON.stringify(response.headers)).to.not.include(secret);
        }
      });
    }

    it('the logger gets the Error itself, with its stack', async () => {
      await get('error');
      const [record] = logger.records.filter((entry) => entry.level === 'error');
      const { err } = record.context as { err: unknown };
      expect(err).to.be.instanceOf(Error);
      expect((err as Error).message).to.equal('database password is hunter2');
      expect(logger.errorsText()).to.include((err as Error).stack);
      expect((err as Error).stack).to.include('error-responses.test');
    });

    it('the logger gets a thrown non-Error as it was thrown', async () => {
      await get('null');
      const [nullRecord] = logger.records;
      expect((nullRecord.context as { err: unknown }).err).to.equal(null);
      await get('string');
      const stringRecord = logger.records[1];
      expect((stringRecord.context as { err: unknown }).err).to.equal('a string with a secret');
    });

    it('names the route and the request in the log', async () => {
      await get('error');
      expect(logger.errorsText()).to.include('ErrorsController.run');
      expect(logger.errorsText()).to.include('/e/error');
    });
  });

  describe('responses that cannot be sent: 500, and the logger names the bad value', () => {
    for (const status of ['0', '1000', '200.5']) {
      it(`HTTPException(${status}) → 500`, async () => {
        const response = await get(`status-${status}`);
        expect(response.statusCode).to.equal(500);
        expect(response.headers['content-type']).to.equal(JSON_TYPE);
        expect(response.body).to.equal(INTERNAL);
        const text = logger.errorsText();
        expect(text).to.include('status');
        expect(text).to.include(`"${status}"`);
      });
    }

    it('CR/LF in a header value → 500, and nothing is injected', async () => {
      const response = await get('crlf-value');
      expect(response.statusCode).to.equal(500);
      expect(response.body).to.equal(INTERNAL);
      expect(response.headers['x-injected']).to.equal(undefined);
      expect(response.headers['x-bad']).to.equal(undefined);
      expect(logger.errorsText()).to.include('X-Bad');
    });

    it('CR/LF in a header name → 500', async () => {
      const response = await get('crlf-name');
      expect(response.statusCode).to.equal(500);
      expect(response.body).to.equal(INTERNAL);
      expect(response.headers['x-injected']).to.equal(undefined);
      expect(logger.errorsText()).to.include('X-Bad');
    });

    it('a handler returning json() with an impossible status → 500', async () => {
      const response = await get('helper-bad-status');
      expect(response.statusCode).to.equal(500);
      expect(response.body).to.equal(INTERNAL);
      expect(logger.errorsText()).to.include('"1000"');
    });

    it('a handler returning json() with CR/LF in a header → 500', async () => {
      const response = await get('helper-crlf');
      expect(response.statusCode).to.equal(500);
      expect(response.headers['x-injected']).to.equal(undefined);
      expect(logger.errorsText()).to.include('X-Helper');
    });
  });

  describe('on the wire', () => {
    let server: App;
    let serverLogger: RecordingLogger;
    let port: number;
    before(async () => {
      serverLogger = new RecordingLogger();
      server = buildApp(serverLogger);
      port = (await server.listen(0)).port;
    });
    after(() => server.close());

    it('two Set-Cookie headers from HTTPException(400, "", pairs) both reach the client', async () => {
      const response = await send(port, { path: '/e/two-cookies' });
      expect(response.status).to.equal(400);
      expect(rawHeaderValues(response, 'set-cookie')).to.deep.equal(['a=1', 'b=2']);
      expect(response.headers['content-type']).to.equal(JSON_TYPE);
      expect(response.body).to.equal('{"detail":"Bad Request"}');
    });

    it('WWW-Authenticate reaches the client', async () => {
      const response = await send(port, { path: '/e/auth-required' });
      expect(response.status).to.equal(401);
      expect(rawHeaderValues(response, 'www-authenticate')).to.deep.equal(['Bearer']);
      expect(response.body).to.equal('{"detail":"Auth required"}');
    });

    it('impossible statuses and CR/LF headers answer 500 on a real socket, and the server keeps serving', async () => {
      for (const name of ['status-0', 'status-1000', 'status-200.5', 'crlf-value', 'crlf-name']) {
        const response = await send(port, { path: `/e/${name}` });
        expect(response.status, name).to.equal(500);
        expect(response.body, name).to.equal(INTERNAL);
        expect(response.headers['x-injected'], name).to.equal(undefined);
      }
      const after = await send(port, { path: '/e/stream/ok' });
      expect(after.status).to.equal(200);
    });

    it('an error after the response started cuts the connection: no second status line', async () => {
      // 1. The handler returns a stream; the status line and a first chunk go out.
      const request = 'GET /e/stream/breaks HTTP/1.1\r\nHost: x\r\n\r\n';
      const result = await exchange(port, [request]);
      // 3. The client saw one status line, the partial body, and the server closing the connection.
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 200 OK']);
      expect(result.text).to.include('partial body, ');
      expect(result.text).to.not.include('Internal Server Error');
      // A chunked body that was cut never gets its terminating zero-length chunk.
      expect(result.text.endsWith('0\r\n\r\n')).to.equal(false);
      expect(result.closedByServer).to.equal(true);
      // 4. The logger has the error; the process survives and serves the next request.
      expect(serverLogger.errorsText()).to.include('disk gone mid-stream');
      const next = await send(port, { path: '/e/stream/ok' });
      expect(next.status).to.equal(200);
      expect(next.body).to.equal('still serving');
    });

    it('a client leaving mid-stream stops the stream and is not logged as an error', async () => {
      const before = serverLogger.records.filter((record) => record.level === 'error').length;
      // 1. The client reads the head and a first chunk, then goes away (the raw exchange hangs up once it has seen 'chunk 0').
      const result = await exchange(port, ['GET /e/stream/slow HTTP/1.1\r\nHost: x\r\n\r\n'], {
        until: (text) => text.includes('chunk 0'),
      });
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 200 OK']);
      expect(result.closedByServer).to.equal(false);
      // 2. The server notices, destroys the stream, and logs nothing at error level.
      for (let waited = 0; waited < 1000 && !slowStreamClosed; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(slowStreamClosed).to.equal(true);
      expect(serverLogger.records.filter((record) => record.level === 'error')).to.have.length(before);
    });
  });
});
