// The everyday HTTP exceptions beyond the seed's five, HttpStatus, and details that are any JSON value.
import {
  Controller,
  createApp,
  Get,
  HTTPBadGateway,
  HTTPConflict,
  HTTPException,
  HTTPGatewayTimeout,
  HTTPGone,
  HTTPInternalServerError,
  HTTPMethodNotAllowed,
  HTTPNotAcceptable,
  HTTPNotFound,
  HTTPNotImplemented,
  HTTPPayloadTooLarge,
  HTTPPreconditionFailed,
  HTTPRequestTimeout,
  HTTPTooManyRequests,
  HTTPUnprocessableEntity,
  HTTPUnsupportedMediaType,
  HttpStatus,
  Param,
} from '@corbel/core';
import { WebSocketGateway, webSockets } from '@corbel/ws';
import { expect } from 'chai';
import { RecordingLogger } from '../support/recording-logger';
import { handshakeHeaders, sendUpgrade } from '../ws/support/upgrade-request';

type ExceptionClass = new (detail?: unknown, headers?: Record<string, string>) => HTTPException;

const family: [ExceptionClass, number, string][] = [
  [HTTPMethodNotAllowed, 405, 'Method Not Allowed'],
  [HTTPNotAcceptable, 406, 'Not Acceptable'],
  [HTTPRequestTimeout, 408, 'Request Timeout'],
  [HTTPConflict, 409, 'Conflict'],
  [HTTPGone, 410, 'Gone'],
  [HTTPPreconditionFailed, 412, 'Precondition Failed'],
  [HTTPPayloadTooLarge, 413, 'Payload Too Large'],
  [HTTPUnsupportedMediaType, 415, 'Unsupported Media Type'],
  [HTTPUnprocessableEntity, 422, 'Unprocessable Entity'],
  [HTTPTooManyRequests, 429, 'Too Many Requests'],
  [HTTPInternalServerError, 500, 'Internal Server Error'],
  [HTTPNotImplemented, 501, 'Not Implemented'],
  [HTTPBadGateway, 502, 'Bad Gateway'],
  [HTTPGatewayTimeout, 504, 'Gateway Timeout'],
];

/** An app whose one route throws what `make` builds. */
function appThrowing(make: () => unknown, logger: RecordingLogger | false = false) {
  @Controller('/boom')
  class BoomController {
    @Get()
    boom() {
      throw make();
    }
  }
  return createApp({ controllers: [BoomController], logger });
}

describe('the HTTP exception family', () => {
  for (const [Type, status, phrase] of family) {
    it(`${Type.name} answers ${status} {"detail":"${phrase}"} by default, and takes (detail, headers)`, async () => {
      const byDefault = new Type();
      expect(byDefault).to.be.instanceOf(HTTPException);
      expect([byDefault.statusCode, byDefault.detail, byDefault.name]).to.deep.equal([status, phrase, Type.name]);
      const answer = await appThrowing(() => new Type()).inject('/boom');
      expect(answer.statusCode).to.equal(status);
      expect(answer.json()).to.deep.equal({ detail: phrase });

      const given = await appThrowing(() => new Type('Not today', { 'X-Reason': 'test' })).inject('/boom');
      expect(given.statusCode).to.equal(status);
      expect(given.headers['x-reason']).to.equal('test');
      expect(given.json()).to.deep.equal({ detail: 'Not today' });
    });
  }

  it('HTTPTooManyRequests sends retryAfter seconds as Retry-After, before or after the headers', async () => {
    const short = new HTTPTooManyRequests('Slow down', 30);
    expect(short.retryAfter).to.equal(30);
    const answer = await appThrowing(() => short).inject('/boom');
    expect(answer.statusCode).to.equal(429);
    expect(answer.headers['retry-after']).to.equal('30');
    expect(answer.json()).to.deep.equal({ detail: 'Slow down' });

    const both = await appThrowing(() => new HTTPTooManyRequests(undefined, { 'X-RateLimit-Limit': '100' }, 60)).inject(
      '/boom',
    );
    expect(both.headers['retry-after']).to.equal('60');
    expect(both.headers['x-ratelimit-limit']).to.equal('100');
    expect(both.json()).to.deep.equal({ detail: 'Too Many Requests' });
    expect(new HTTPTooManyRequests().headers).to.deep.equal([]);
  });

  it('HttpStatus names every status code as NestJS does', () => {
    expect(HttpStatus.NOT_FOUND).to.equal(404);
    expect(HttpStatus.OK).to.equal(200);
    expect(HttpStatus.UNPROCESSABLE_ENTITY).to.equal(422);
    expect(HttpStatus.TOO_MANY_REQUESTS).to.equal(429);
    expect(HttpStatus.I_AM_A_TEAPOT).to.equal(418);
    expect(HttpStatus.NETWORK_AUTHENTICATION_REQUIRED).to.equal(511);
    const codes = Object.values(HttpStatus);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const [, status] of family) expect(codes).to.include(status);
  });

  describe('a detail that is any JSON value', () => {
    it('is sent as {"detail": <value>}: an object, an array, a number, null', async () => {
      const values: unknown[] = [{ reason: 'stale', expected: 3 }, [{ field: 'email' }, 'twice'], 42, null, true];
      for (const detail of values) {
        const answer = await appThrowing(() => new HTTPConflict(detail)).inject('/boom');
        expect(answer.statusCode).to.equal(409);
        expect(answer.json()).to.deep.equal({ detail });
      }
      const custom = await appThrowing(() => new HTTPException(418, { tea: 'earl grey' })).inject('/boom');
      expect(custom.json()).to.deep.equal({ detail: { tea: 'earl grey' } });
    });

    it('keeps 3xx/4xx exceptions free of stack traces, and 5xx ones with theirs', () => {
      const framesOf = (error: Error) =>
        (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
      const before = Error.stackTraceLimit;
      const conflict = new HTTPConflict({ reason: 'stale' });
      expect(framesOf(conflict)).to.deep.equal([]);
      expect(conflict.message).to.equal('{"reason":"stale"}');
      expect(framesOf(new HTTPBadGateway({ upstream: 'payments' }))).to.not.deep.equal([]);
      expect(Error.stackTraceLimit).to.equal(before);
      expect(framesOf(new Error('plain'))).to.not.deep.equal([]);
    });

    it('keeps HTTPException.stackTraces = "all" working for details that are not strings', () => {
      const framesOf = (error: Error) =>
        (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
      HTTPException.stackTraces = 'all';
      try {
        expect(framesOf(new HTTPNotFound({ id: 7 } as unknown as string))).to.not.deep.equal([]);
      } finally {
        HTTPException.stackTraces = 'server-errors';
      }
      expect(framesOf(new HTTPNotFound())).to.deep.equal([]);
    });

    it('one JSON cannot represent (a BigInt, a cycle) becomes a logged 500, not a crash', async () => {
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      for (const detail of [10n, cycle]) {
        const logger = new RecordingLogger();
        const answer = await appThrowing(() => new HTTPConflict(detail), logger).inject('/boom');
        expect(answer.statusCode).to.equal(500);
        expect(answer.body).to.equal('{"detail":"Internal Server Error"}');
        expect(logger.records.some((record) => record.level === 'error')).to.equal(true);
      }
    });

    it('refuses a WebSocket upgrade with the same body', async () => {
      @WebSocketGateway('/rooms/:room')
      class RoomsGateway {
        handleConnection() {
          throw new HTTPConflict({ reason: 'room full', capacity: 2 });
        }
      }
      @Controller('/unused')
      class UnusedController {
        @Get('/:id') get(@Param('id') id: number) {
          return { id };
        }
      }
      const app = createApp({
        controllers: [UnusedController],
        plugins: [webSockets({ gateways: [RoomsGateway] })],
        logger: false,
      });
      const { url } = await app.listen(0);
      try {
        const refusal = await sendUpgrade(url, '/rooms/lobby', handshakeHeaders());
        expect(refusal.status).to.equal(409);
        expect(JSON.parse(refusal.body)).to.deep.equal({ detail: { reason: 'room full', capacity: 2 } });
      } finally {
        await app.close();
      }
    });
  });
});
