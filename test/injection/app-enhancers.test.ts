// APP_GUARD, APP_INTERCEPTOR, APP_FILTER and APP_PIPE: providers in any module join the global stages.
import {
  APP_FILTER,
  APP_GUARD,
  APP_INTERCEPTOR,
  APP_PIPE,
  type CallHandler,
  type CanActivate,
  Catch,
  Controller,
  createApp,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  HTTPNotFound,
  Injectable,
  type Interceptor,
  Module,
  Param,
  type PipeTransform,
} from '@corbel/core';
import { expect } from 'chai';

@Injectable()
class Settings {
  readonly blocked = 'blocked';
  readonly wrapKey = 'data';
}

@Injectable()
class BlockGuard implements CanActivate {
  constructor(private readonly settings: Settings) {}
  canActivate(context: ExecutionContext) {
    return context.request.headers['x-user'] !== this.settings.blocked;
  }
}

@Injectable()
class WrapInterceptor implements Interceptor {
  constructor(private readonly settings: Settings) {}
  async intercept(_context: ExecutionContext, next: CallHandler) {
    return { [this.settings.wrapKey]: await next() };
  }
}

@Catch(HTTPNotFound)
class NotFoundFilter implements ExceptionFilter {
  catch() {
    return { missing: true };
  }
}

class DoublePipe implements PipeTransform<number, number> {
  transform(value: number) {
    return typeof value === 'number' ? value * 2 : value;
  }
}

@Controller('/numbers')
class NumbersController {
  @Get('/:n')
  find(@Param('n') n: number) {
    if (n > 100) throw new HTTPNotFound();
    return n;
  }
}

@Module({
  providers: [
    Settings,
    { provide: APP_GUARD, useClass: BlockGuard },
    { provide: APP_INTERCEPTOR, useClass: WrapInterceptor },
    { provide: APP_FILTER, useClass: NotFoundFilter },
    { provide: APP_PIPE, useValue: new DoublePipe() },
  ],
})
class CoreModule {}

@Module({ imports: [CoreModule], controllers: [NumbersController] })
class AppModule {}

describe('app-level enhancers (APP_GUARD, APP_INTERCEPTOR, APP_FILTER, APP_PIPE)', () => {
  const app = createApp(AppModule, { logger: false });

  it('apply to every route, made with injection from the module that provides them', async () => {
    const response = await app.inject('/numbers/4');
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal({ data: 8 });
  });

  it('the guard refuses, and the filter answers, as global ones do', async () => {
    expect((await app.inject({ url: '/numbers/4', headers: { 'x-user': 'blocked' } })).statusCode).to.equal(403);
    const missing = await app.inject('/numbers/60');
    expect(missing.statusCode).to.equal(404);
    expect(missing.json()).to.deep.equal({ missing: true });
  });

  it('several providers under one token all apply, after createApp({ interceptors }), in module order', async () => {
    const order: string[] = [];
    const tag = (name: string): Interceptor => ({
      async intercept(_context, next) {
        order.push(name);
        return next();
      },
    });
    @Module({ providers: [{ provide: APP_INTERCEPTOR, useValue: tag('inner-a') }], exports: [] })
    class InnerModule {}
    @Module({
      imports: [InnerModule],
      controllers: [NumbersController],
      providers: [
        { provide: APP_INTERCEPTOR, useValue: tag('root-a') },
        { provide: APP_INTERCEPTOR, useFactory: () => tag('root-b') },
      ],
    })
    class RootModule {}
    const ordered = createApp(RootModule, { interceptors: [tag('options')], logger: false });
    expect((await ordered.inject('/numbers/1')).json()).to.equal(1);
    expect(order).to.deep.equal(['options', 'inner-a', 'root-a', 'root-b']);
  });
});
