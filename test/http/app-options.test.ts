// createApp refuses an option it does not read, instead of starting an app that silently lacks it.
import { Controller, createApp, Get, Module } from '@corbel/core';
import { expect } from 'chai';
import { startupError } from '../support/startup-error';

@Controller('/ping')
class PingController {
  @Get()
  ping() {
    return 'pong';
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

describe('createApp options', () => {
  it('refuses a misspelt option with CORBEL_ERR_INVALID_OPTION, suggesting the one meant', () => {
    const error = startupError(() => createApp({ controlers: [PingController] } as never));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_OPTION');
    expect(error.message).to.include("createApp(options): unknown option 'controlers' (did you mean 'controllers'?)");
  });

  it('refuses an option from another framework, listing the ones it reads', () => {
    const error = startupError(() => createApp({ controllers: [PingController], globalPrefix: '/api' } as never));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_OPTION');
    expect(error.message).to.include("unknown option 'globalPrefix'").and.include('prefix, versioning');
  });

  it('refuses controllers, providers or imports next to a root module, which declares its own', () => {
    const error = startupError(() => createApp(PingModule, { controllers: [PingController] } as never));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_OPTION');
    expect(error.message).to.equal(
      "createApp(AppModule, options): 'controllers' belongs in the root module's @Module({ controllers }), which " +
        'declares what the app serves',
    );
  });

  it('serves with every option it knows, in both forms', async () => {
    const flat = createApp({ controllers: [PingController], logger: false, prefix: '/api', bodyLimit: 1024 });
    expect((await flat.inject('/api/ping')).body).to.equal('pong');
    const modular = createApp(PingModule, { logger: false, compression: true });
    expect((await modular.inject('/ping')).body).to.equal('pong');
  });
});
