// A @Module with NestJS's configure(consumer) is refused: its middleware would silently never run.
import { Controller, createApp, type DynamicModule, Get, Module } from '@corbel/core';
import { expect } from 'chai';
import { startupError } from '../support/startup-error';

@Controller('/cats')
class CatsController {
  @Get() list() {
    return [];
  }
}

describe('a @Module with configure()', () => {
  it('is CORBEL_ERR_INVALID_MODULE at createApp, saying what to use today', () => {
    @Module({ controllers: [CatsController] })
    class AppModule {
      configure(consumer: { apply(...middleware: unknown[]): unknown }) {
        consumer.apply(() => {});
      }
    }
    const error = startupError(() => createApp(AppModule, { logger: false }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_MODULE');
    expect(error.message).to.include('AppModule has a configure() method');
    expect(error.message).to.include('@UseMiddleware');
    expect(error.message).to.include('createApp(AppModule, { middleware: [...] })');
  });

  it('is refused in an imported module and in a forRoot() result too', () => {
    @Module({ controllers: [CatsController] })
    class CatsModule {
      configure() {}
      static forRoot(): DynamicModule {
        return { module: CatsModule };
      }
    }
    @Module({ imports: [CatsModule] })
    class AppModule {}
    expect(startupError(() => createApp(AppModule, { logger: false })).message).to.include('CatsModule');
    expect(startupError(() => createApp({ imports: [CatsModule.forRoot()], logger: false })).code).to.equal(
      'CORBEL_ERR_INVALID_MODULE',
    );
  });

  it('a module without configure() still serves', async () => {
    @Module({ controllers: [CatsController] })
    class AppModule {}
    expect((await createApp(AppModule, { logger: false }).inject('/cats')).statusCode).to.equal(200);
  });
});
