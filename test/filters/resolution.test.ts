// The lookup rules of the seeds, as a table: error × registered filters × scope → who answered, status, body.
import {
  Controller,
  createApp,
  type FilterReference,
  Get,
  HTTPException,
  HTTPNotFound,
  Param,
  Query,
  RequestValidationError,
  UseFilters,
} from '@corbel/core';
import { expect } from 'chai';
import { markerFilter, PermissionError, SubValueError, ValueError } from './fixtures';

interface Scopes {
  global?: FilterReference[];
  controller?: FilterReference[];
  method?: FilterReference[];
}

/** An app whose one route `/t/:id` throws `error()`; `/t/:id?page=x` fails query validation. */
function appWith(scopes: Scopes, error: () => unknown) {
  @Controller('/t')
  @UseFilters(...(scopes.controller ?? []))
  class TestController {
    @Get('/:id')
    @UseFilters(...(scopes.method ?? []))
    go(@Param('id') _id: number, @Query('page') _page?: number) {
      throw error();
    }
  }
  return createApp({ controllers: [TestController], filters: scopes.global ?? [], logger: false });
}

interface Case {
  name: string;
  error: () => unknown;
  scopes: Scopes;
  url?: string;
  status: number;
  body: unknown;
}

const VE = markerFilter('ValueErrorFilter', ValueError);
const SubVE = markerFilter('SubValueErrorFilter', SubValueError);
const ErrorF = markerFilter('ErrorFilter', Error);
const E500 = markerFilter('Status500Filter', 500);
const E404 = markerFilter('Status404Filter', 404);
const E422 = markerFilter('Status422Filter', 422);
const HttpF = markerFilter('HttpExceptionFilter', HTTPException);
const NotFoundClassF = markerFilter('NotFoundClassFilter', HTTPNotFound);
const AnyF = markerFilter('CatchAllFilter');
const RVE = markerFilter('ValidationFilter', RequestValidationError);
const GoneOrMissing = markerFilter('GoneOrMissing', 404, 410);
const MethodVE = markerFilter('MethodValueErrorFilter', ValueError);
const ControllerVE = markerFilter('ControllerValueErrorFilter', ValueError);

const INTERNAL = { detail: 'Internal Server Error' };

const cases: Case[] = [
  {
    name: 'a class filter answers its class',
    error: () => new ValueError('x'),
    scopes: { global: [VE] },
    status: 500,
    body: { by: 'ValueErrorFilter' },
  },
  {
    name: 'a subclass reaches its parent class filter',
    error: () => new SubValueError(),
    scopes: { global: [VE] },
    status: 500,
    body: { by: 'ValueErrorFilter' },
  },
  {
    name: 'the subclass filter wins when registered after the parent filter',
    error: () => new SubValueError(),
    scopes: { global: [VE, SubVE] },
    status: 500,
    body: { by: 'SubValueErrorFilter' },
  },
  {
    name: 'the subclass filter wins when registered before the parent filter',
    error: () => new SubValueError(),
    scopes: { global: [SubVE, VE] },
    status: 500,
    body: { by: 'SubValueErrorFilter' },
  },
  {
    name: 'the parent error is not caught by the subclass filter',
    error: () => new ValueError(),
    scopes: { global: [SubVE] },
    status: 500,
    body: INTERNAL,
  },
  {
    name: 'an unrelated class falls to the 500 default',
    error: () => new PermissionError(),
    scopes: { global: [VE] },
    status: 500,
    body: INTERNAL,
  },
  {
    name: '@Catch(500) does not catch a plain Error',
    error: () => new Error('boom'),
    scopes: { global: [E500] },
    status: 500,
    body: INTERNAL,
  },
  {
    name: '@Catch(500) catches an HTTPException(500)',
    error: () => new HTTPException(500),
    scopes: { global: [E500] },
    status: 500,
    body: { by: 'Status500Filter' },
  },
  {
    name: '@Catch(Error) does not swallow HTTPNotFound: the HTTPException default is nearer',
    error: () => new HTTPNotFound(),
    scopes: { global: [ErrorF] },
    status: 404,
    body: { detail: 'Not found' },
  },
  {
    name: '@Catch(HTTPException) takes over every HTTPException',
    error: () => new HTTPNotFound(),
    scopes: { global: [HttpF] },
    status: 404,
    body: { by: 'HttpExceptionFilter' },
  },
  {
    name: 'a status filter sees HTTPExceptions with that status',
    error: () => new HTTPException(404, 'gone'),
    scopes: { global: [E404] },
    status: 404,
    body: { by: 'Status404Filter' },
  },
  {
    name: 'the status filter is tried before the class chain',
    error: () => new HTTPNotFound(),
    scopes: { global: [NotFoundClassF, E404] },
    status: 404,
    body: { by: 'Status404Filter' },
  },
  {
    name: 'a filter may hold several statuses',
    error: () => new HTTPException(410),
    scopes: { global: [GoneOrMissing] },
    status: 410,
    body: { by: 'GoneOrMissing' },
  },
  {
    name: 'a path validation failure reaches @Catch(404)',
    url: '/t/abc',
    error: () => new Error('not reached'),
    scopes: { global: [E404] },
    status: 404,
    body: { by: 'Status404Filter' },
  },
  {
    name: '@Catch(422) does not catch a RequestValidationError',
    url: '/t/1?page=x',
    error: () => new Error('not reached'),
    scopes: { global: [E422] },
    status: 422,
    body: [
      {
        loc: ['page'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        type: 'number_parsing',
        in: 'query',
      },
    ],
  },
  {
    name: '@Catch(RequestValidationError) takes query failures with their 422',
    url: '/t/1?page=x',
    error: () => new Error('not reached'),
    scopes: { global: [RVE] },
    status: 422,
    body: { by: 'ValidationFilter' },
  },
  {
    name: '@Catch(RequestValidationError) takes path failures too, replacing the 404 rule',
    url: '/t/abc',
    error: () => new Error('not reached'),
    scopes: { global: [RVE, E404] },
    status: 404,
    body: { by: 'ValidationFilter' },
  },
  {
    name: '@Catch() takes what nothing else takes, non-Error throws included',
    error: () => 'a string',
    scopes: { global: [AnyF] },
    status: 500,
    body: { by: 'CatchAllFilter' },
  },
  {
    name: '@Catch() takes null',
    error: () => null,
    scopes: { global: [AnyF] },
    status: 500,
    body: { by: 'CatchAllFilter' },
  },
  {
    name: '@Catch() does not take HTTPNotFound: the HTTPException default is nearer',
    error: () => new HTTPNotFound(),
    scopes: { global: [AnyF] },
    status: 404,
    body: { detail: 'Not found' },
  },
  {
    name: 'a class filter beats @Catch()',
    error: () => new ValueError(),
    scopes: { global: [AnyF, VE] },
    status: 500,
    body: { by: 'ValueErrorFilter' },
  },
  {
    name: 'a global @Catch(ValueError) beats a method @Catch(Error): the most specific key wins',
    error: () => new ValueError(),
    scopes: { global: [VE], method: [ErrorF] },
    status: 500,
    body: { by: 'ValueErrorFilter' },
  },
  {
    name: 'the controller entry overrides the global entry for the same key',
    error: () => new ValueError(),
    scopes: { global: [VE], controller: [ControllerVE] },
    status: 500,
    body: { by: 'ControllerValueErrorFilter' },
  },
  {
    name: 'the method entry overrides the controller entry for the same key',
    error: () => new ValueError(),
    scopes: { controller: [ControllerVE], method: [MethodVE] },
    status: 500,
    body: { by: 'MethodValueErrorFilter' },
  },
  {
    name: 'the method entry overrides the global entry for the same key',
    error: () => new ValueError(),
    scopes: { global: [VE], method: [MethodVE] },
    status: 500,
    body: { by: 'MethodValueErrorFilter' },
  },
  {
    name: 'a controller @Catch(404) answers a 404 thrown by its route',
    error: () => new HTTPNotFound('User 7 not found'),
    scopes: { controller: [E404] },
    status: 404,
    body: { by: 'Status404Filter' },
  },
];

describe('filter resolution (status, then class chain, then @Catch())', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const app = appWith(testCase.scopes, testCase.error);
      const response = await app.inject({ method: 'GET', url: testCase.url ?? '/t/1' });
      expect(response.statusCode).to.equal(testCase.status);
      expect(response.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(response.json()).to.deep.equal(testCase.body);
    });
  }

  it('an unknown route reaches a global @Catch(404)', async () => {
    const app = appWith({ global: [E404] }, () => new Error('not reached'));
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ by: 'Status404Filter' });
  });

  it('an unknown route reaches any global filter that takes HTTPNotFound, not only a 404 filter', async () => {
    // The unknown-route answer is decided at start-up when only the defaults would answer it: each of these must
    // still be consulted.
    for (const [filter, by] of [
      [HttpF, 'HttpExceptionFilter'],
      [NotFoundClassF, 'NotFoundClassFilter'],
    ] as const) {
      const app = appWith({ global: [filter] }, () => new Error('not reached'));
      const response = await app.inject({ method: 'GET', url: '/nowhere' });
      expect(response.json(), by).to.deep.equal({ by });
    }
    // Error and '*' filters stay behind the nearer built-in HTTPException entry: the default 404 answers.
    for (const filter of [ErrorF, AnyF]) {
      const app = appWith({ global: [filter] }, () => new Error('not reached'));
      const response = await app.inject({ method: 'GET', url: '/nowhere' });
      expect(response.statusCode).to.equal(404);
      expect(response.json()).to.deep.equal({ detail: 'Not found' });
    }
  });

  it('a controller-scoped filter does not apply to other controllers', async () => {
    @Controller('/a')
    @UseFilters(VE)
    class AController {
      @Get()
      go() {
        throw new ValueError();
      }
    }
    @Controller('/b')
    class BController {
      @Get()
      go() {
        throw new ValueError();
      }
    }
    const app = createApp({ controllers: [AController, BController], logger: false });
    expect((await app.inject('/a')).json()).to.deep.equal({ by: 'ValueErrorFilter' });
    expect((await app.inject('/b')).json()).to.deep.equal(INTERNAL);
  });
});
