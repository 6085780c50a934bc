// An error from any stage goes through the route's filter table, so method and controller filters answer it.
import {
  type ArgumentsHost,
  type CallNext,
  Catch,
  Controller,
  type CorbelRequest,
  createApp,
  createParamDecorator,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  Query,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UseMiddleware,
} from '@corbel/core';
import { expect } from 'chai';

class StageError extends Error {
  constructor(readonly stage: string) {
    super(`failed in ${stage}`);
  }
}

function failIn(request: CorbelRequest, stage: string): void {
  if (request.headers['x-fail'] === stage) throw new StageError(stage);
}

@Catch(StageError)
class MethodFilter implements ExceptionFilter<StageError> {
  catch(error: StageError, host: ArgumentsHost) {
    return { caughtBy: 'method', stage: error.stage, route: host.route?.method };
  }
}

@Catch(StageError)
class ControllerFilter implements ExceptionFilter<StageError> {
  catch(error: StageError) {
    return { caughtBy: 'controller', stage: error.stage };
  }
}

const Failing = createParamDecorator((_data: undefined, context: ExecutionContext) => {
  failIn(context.request, 'param decorator');
  return 'bound';
});

const stages = {
  middleware: async (request: CorbelRequest, next: CallNext) => {
    failIn(request, 'controller middleware');
    return next();
  },
  guard: {
    canActivate: (context: ExecutionContext) => {
      failIn(context.request, 'guard');
      return true;
    },
  },
  interceptor: {
    async intercept(context: ExecutionContext, next: CallNext) {
      failIn(context.request, 'interceptor before');
      const result = await next();
      if (context.request.headers['x-fail'] === 'interceptor after') throw new StageError('interceptor after');
      return result;
    },
  },
};

@Controller('/scoped')
@UseFilters(ControllerFilter)
@UseMiddleware(stages.middleware)
@UseGuards(stages.guard)
@UseInterceptors(stages.interceptor)
class ScopedController {
  @Get('/method')
  @UseFilters(MethodFilter)
  withMethodFilter(@Query('page', { default: 1 }) page: number, @Failing() bound: string, @Query('x') x?: string) {
    if (x === 'handler') throw new StageError('handler');
    return { page, bound };
  }

  @Get('/controller')
  withControllerFilter(@Failing() bound: string, @Query('x') x?: string) {
    if (x === 'handler') throw new StageError('handler');
    return { bound };
  }
}

const everyStage = [
  'global middleware',
  'controller middleware',
  'guard',
  'interceptor before',
  'param decorator',
  'interceptor after',
];

describe('pipeline: errors from every stage reach the route filters', () => {
  const app = createApp({
    controllers: [ScopedController],
    middleware: [
      async (request, next) => {
        failIn(request, 'global middleware');
        return next();
      },
    ],
    logger: false,
  });

  for (const stage of everyStage) {
    it(`an error in the ${stage} reaches the method filter, then the controller filter`, async () => {
      const method = await app.inject({ url: '/scoped/method', headers: { 'x-fail': stage } });
      expect([method.statusCode, method.json()]).to.deep.equal([
        500,
        { caughtBy: 'method', stage, route: 'withMethodFilter' },
      ]);
      const controller = await app.inject({ url: '/scoped/controller', headers: { 'x-fail': stage } });
      expect([controller.statusCode, controller.json()]).to.deep.equal([500, { caughtBy: 'controller', stage }]);
    });
  }

  it('an error in the handler reaches the method filter, then the controller filter', async () => {
    expect((await app.inject('/scoped/method?x=handler')).json()).to.deep.equal({
      caughtBy: 'method',
      stage: 'handler',
      route: 'withMethodFilter',
    });
    expect((await app.inject('/scoped/controller?x=handler')).json()).to.deep.equal({
      caughtBy: 'controller',
      stage: 'handler',
    });
  });

  it('a validation error in binding keeps its default answer (no filter claims it)', async () => {
    const response = await app.inject('/scoped/method?page=abc');
    expect(response.statusCode).to.equal(422);
    expect(response.json()[0]).to.include({ type: 'number_parsing', in: 'query' });
  });

  it('without errors, every stage lets the call through', async () => {
    expect((await app.inject('/scoped/method?page=2')).json()).to.deep.equal({ page: 2, bound: 'bound' });
  });
});
