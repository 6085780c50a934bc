// The exception classes keep the seed's contract: fields, defaults, headers, and no common base.
import {
  HTTPBadRequest,
  HTTPException,
  HTTPForbidden,
  HTTPNotFound,
  HTTPServiceUnavailable,
  HTTPUnauthorized,
  Redirect,
  RequestValidationError,
  WebSocketDisconnect,
  WebSocketException,
} from '@corbel/core';
import { expect } from 'chai';

describe('exception classes', () => {
  it('HTTPException keeps status, detail and headers, with message equal to detail', () => {
    const error = new HTTPException(401, 'Auth required', { 'WWW-Authenticate': 'Bearer' });
    expect(error.statusCode).to.equal(401);
    expect(error.detail).to.equal('Auth required');
    expect(error.message).to.equal('Auth required');
    expect(error.headers).to.deep.equal([['WWW-Authenticate', 'Bearer']]);
    expect(error.name).to.equal('HTTPException');
  });

  it('stores headers given as pairs in order, keeping duplicates, as a new list', () => {
    const pairs: [string, string][] = [
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ];
    const error = new HTTPException(400, '', pairs);
    expect(error.headers).to.deep.equal(pairs);
    expect(error.headers).to.not.equal(pairs);
    expect(new HTTPException(400).headers).to.equal(null);
  });

  it('validates nothing: impossible statuses are carried as given', () => {
    expect(new HTTPException(0).statusCode).to.equal(0);
    expect(new HTTPException(200.5).statusCode).to.equal(200.5);
    expect(new WebSocketException(99, 'x').code).to.equal(99);
  });

  const family: [new () => HTTPException, number, string][] = [
    [HTTPBadRequest, 400, 'Bad request'],
    [HTTPUnauthorized, 401, 'Unauthorized'],
    [HTTPForbidden, 403, 'Forbidden'],
    [HTTPNotFound, 404, 'Not found'],
    [HTTPServiceUnavailable, 503, 'Service unavailable'],
  ];
  for (const [Type, status, detail] of family) {
    it(`${Type.name} is an HTTPException with status ${status} and detail '${detail}'`, () => {
      const error = new Type();
      expect(error).to.be.instanceOf(HTTPException);
      expect(error.statusCode).to.equal(status);
      expect(error.detail).to.equal(detail);
      expect(error.name).to.equal(Type.name);
    });
  }

  it('the family takes (detail, headers)', () => {
    const error = new HTTPServiceUnavailable('Maintenance', { 'Retry-After': '120' });
    expect(error.detail).to.equal('Maintenance');
    expect(error.headers).to.deep.equal([['Retry-After', '120']]);
  });

  it('Redirect has url, status 302 by default, an empty detail and a Location header', () => {
    const redirect = new Redirect('/login');
    expect(redirect).to.be.instanceOf(HTTPException);
    expect(redirect.url).to.equal('/login');
    expect(redirect.statusCode).to.equal(302);
    expect(redirect.detail).to.equal('');
    expect(redirect.headers).to.deep.equal([['Location', '/login']]);
    expect(new Redirect('/x', 301).statusCode).to.equal(301);
  });

  it('WebSocketException and WebSocketDisconnect carry code and reason with the seed defaults', () => {
    const exception = new WebSocketException(4000, 'Invalid message format');
    expect([exception.code, exception.reason, exception.message]).to.deep.equal([
      4000,
      'Invalid message format',
      'Invalid message format',
    ]);
    expect([new WebSocketException().code, new WebSocketException().reason]).to.deep.equal([1000, '']);
    const disconnect = new WebSocketDisconnect(4001, 'bye');
    expect([disconnect.code, disconnect.reason]).to.deep.equal([4001, 'bye']);
    expect(disconnect.message).to.equal('WebSocket disconnected with code 4001');
    expect(new WebSocketDisconnect().code).to.equal(1000);
  });

  it('HTTPException, WebSocketException and WebSocketDisconnect extend Error directly and not each other', () => {
    for (const Type of [HTTPException, WebSocketException, WebSocketDisconnect, RequestValidationError]) {
      expect(Object.getPrototypeOf(Type.prototype)).to.equal(Error.prototype);
    }
    expect(new WebSocketException()).to.not.be.instanceOf(HTTPException);
    expect(new WebSocketDisconnect()).to.not.be.instanceOf(WebSocketException);
  });

  it('RequestValidationError gives copies of its errors, their JSON, and its location', () => {
    const entry = { loc: ['page'], msg: 'Field required', type: 'missing', in: 'query' } as const;
    const error = new RequestValidationError([entry]);
    expect(error.in).to.equal('query');
    const copy = error.errors();
    expect(copy).to.deep.equal([entry]);
    (copy[0].loc as (string | number)[]).push('mutated');
    expect(error.errors()[0].loc).to.deep.equal(['page']);
    expect(JSON.parse(error.json())).to.deep.equal([entry]);
    expect(error.json(0)).to.equal(JSON.stringify([entry]));
  });
  describe('stack traces', () => {
    const framesOf = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));

    afterEach(() => {
      HTTPException.stackTraces = 'server-errors';
    });

    it('are not recorded for 3xx and 4xx exceptions, whose stack nobody reads', () => {
      expect(framesOf(new HTTPNotFound('User 7 not found'))).to.deep.equal([]);
      expect(framesOf(new HTTPException(401, 'Auth required'))).to.deep.equal([]);
      expect(framesOf(new Redirect('/login'))).to.deep.equal([]);
      // The first line still names the exception, for logs that print error.stack.
      expect(new HTTPNotFound('User 7 not found').stack).to.equal('HTTPNotFound: User 7 not found');
    });

    it('are recorded for 5xx exceptions, and for impossible statuses that end as a logged 500', () => {
      expect(framesOf(new HTTPServiceUnavailable())).to.not.deep.equal([]);
      expect(framesOf(new HTTPException(500, 'boom'))).to.not.deep.equal([]);
      expect(framesOf(new HTTPException(Number.NaN))).to.not.deep.equal([]);
    });

    it("are recorded for every status with HTTPException.stackTraces = 'all'", () => {
      HTTPException.stackTraces = 'all';
      expect(framesOf(new HTTPNotFound())).to.not.deep.equal([]);
    });

    it("leave other errors' stacks alone, even when a detail cannot become a string", () => {
      const before = Error.stackTraceLimit;
      const hostile = {
        toString: () => {
          throw new Error('no string for you');
        },
        toJSON: () => {
          throw new Error('no JSON either');
        },
      } as unknown as string;
      // The detail may be any value now, so one that cannot be shown still makes an exception, kept as given.
      const error = new HTTPBadRequest(hostile);
      expect(error.detail).to.equal(hostile);
      expect(error.message).to.equal('');
      expect(framesOf(error)).to.deep.equal([]);
      expect(Error.stackTraceLimit).to.equal(before);
      new HTTPNotFound();
      expect(framesOf(new Error('plain'))).to.not.deep.equal([]);
    });
  });
});
