// The order of the stages: middleware → guards → interceptors (before) → binding → handler → interceptors (after).
import {
  type CallNext,
  type CanActivate,
  Controller,
  type CorbelRequest,
  createApp,
  createParamDecorator,
  type ExecutionContext,
  Get,
  Injectable,
  type Interceptor,
  type Middleware,
  Param,
  UseGuards,
  UseInterceptors,
  UseMiddleware,
} from '@corbel/core';
import { expect } from 'chai';

const steps: string[] = [];

function recordingGuard(name: string): CanActivate {
  return {
    canActivate() {
      steps.push(`guard ${name}`);
      return true;
    },
  };
}

function recordingInterceptor(name: string): Interceptor {
  return {
    async intercept(_context: ExecutionContext, next: CallNext) {
      steps.push(`interceptor ${name} before`);
      const result = await next();
      steps.push(`interceptor ${name} after`);
      return result;
    },
  };
}

@Injectable()
class ControllerMiddleware implements Middleware {
  async use(_request: CorbelRequest, next: CallNext) {
    steps.push('middleware controller before');
    const result = await next();
    steps.push('middleware controller after');
    return result;
  }
}

const Recorded = createParamDecorator((name: string | undefined) => {
  steps.push(`bind custom ${name}`);
  return name;
});

// A path parameter's converter cannot record itself; a number proves it was bound before the handler ran.
@Controller('/ordered')
@UseMiddleware(ControllerMiddleware)
@UseGuards(recordingGuard('controller'))
@UseInterceptors(recordingInterceptor('controller'))
class OrderedController {
  @Get('/:id')
  @UseMiddleware(async (_request, next) => {
    steps.push('middleware method');
    return next();
  })
  @UseGuards(recordingGuard('method'))
  @UseInterceptors(recordingInterceptor('method'))
  show(@Param('id') id: number, @Recorded('tag') tag: string) {
    steps.push(`handler id=${typeof id}:${id} tag=${tag}`);
    return { id, tag };
  }
}

describe('pipeline: order of the stages', () => {
  beforeEach(() => {
    steps.length = 0;
  });

  it('runs global, then controller, then method stages in the documented order', async () => {
    const app = createApp({
      controllers: [OrderedController],
      middleware: [
        async (_request, next) => {
          steps.push('middleware global before');
          const result = await next();
          steps.push('middleware global after');
          return result;
        },
      ],
      guards: [recordingGuard('global')],
      interceptors: [recordingInterceptor('global')],
      logger: false,
    });
    const response = await app.inject('/ordered/7');
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal({ id: 7, tag: 'tag' });
    expect(steps).to.deep.equal([
      // 1. Middleware: global, then the controller's, then the method's.
      'middleware global before',
      'middleware controller before',
      'middleware method',
      // 2. Guards: global, controller, method.
      'guard global',
      'guard controller',
      'guard method',
      // 3. Interceptors before the call, outermost first.
      'interceptor global before',
      'interceptor controller before',
      'interceptor method before',
      // 4. Binding (built-in parameters, then custom ones), then the handler.
      'bind custom tag',
      'handler id=number:7 tag=tag',
      // 5. Interceptors after the call, innermost first, then middleware unwinding.
      'interceptor method after',
      'interceptor controller after',
      'interceptor global after',
      'middleware controller after',
      'middleware global after',
    ]);
  });

  it('binds parameters inside the interceptors: a validation error passes through them on its way out', async () => {
    const app = createApp({ controllers: [OrderedController], logger: false });
    const response = await app.inject('/ordered/abc');
    // 1. A path parameter that does not convert answers 404 (the validation rule for paths).
    expect(response.statusCode).to.equal(404);
    // 2. Every guard ran and every interceptor started; nothing after binding did.
    expect(steps).to.deep.equal([
      'middleware controller before',
      'middleware method',
      'guard controller',
      'guard method',
      'interceptor controller before',
      'interceptor method before',
    ]);
  });
});
