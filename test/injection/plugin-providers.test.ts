// A plugin's `providers` join the app before anything is planned, and every module sees them.
import { Controller, CorbelError, type CorbelPlugin, createApp, Get, Injectable, Module } from '@corbel/core';
import { expect } from 'chai';

class Greeter {
  constructor(readonly greeting: string) {}
}

function greeterPlugin(greeting: string): CorbelPlugin {
  return { name: 'greeter', providers: [{ provide: Greeter, useValue: new Greeter(greeting) }], setup() {} };
}

@Controller('/hello')
class HelloController {
  constructor(private readonly greeter: Greeter) {}
  @Get()
  hello() {
    return { greeting: this.greeter.greeting };
  }
}

@Injectable()
class Announcer {
  constructor(readonly greeter: Greeter) {}
}

@Module({ providers: [Announcer], exports: [Announcer] })
class AnnouncerModule {}

@Controller('/announce')
class AnnounceController {
  constructor(private readonly announcer: Announcer) {}
  @Get()
  announce() {
    return { greeting: this.announcer.greeter.greeting };
  }
}

describe('plugin providers', () => {
  it('a controller of the flat form injects what a plugin provides', async () => {
    const app = createApp({ controllers: [HelloController], plugins: [greeterPlugin('hi')], logger: false });
    expect((await app.inject('/hello')).json()).to.deep.equal({ greeting: 'hi' });
  });

  it('a provider inside an imported module injects it too, as if every module imported the plugin', async () => {
    @Module({ imports: [AnnouncerModule], controllers: [AnnounceController] })
    class AppModule {}
    const app = createApp(AppModule, { plugins: [greeterPlugin('hello')], logger: false });
    expect((await app.inject('/announce')).json()).to.deep.equal({ greeting: 'hello' });
  });

  it("a module's own provider for the same token wins over the plugin's", async () => {
    const app = createApp({
      controllers: [HelloController],
      providers: [{ provide: Greeter, useValue: new Greeter('own') }],
      plugins: [greeterPlugin('plugin')],
      logger: false,
    });
    expect((await app.inject('/hello')).json()).to.deep.equal({ greeting: 'own' });
  });

  it('without the plugin, the same injection fails at createApp with CORBEL_ERR_UNKNOWN_PROVIDER', () => {
    expect(() => createApp({ controllers: [HelloController], logger: false }))
      .to.throw(CorbelError, 'Cannot resolve parameter #1 of HelloController: Greeter is not provided')
      .with.property('code', 'CORBEL_ERR_UNKNOWN_PROVIDER');
  });

  it('a plugin whose providers is not an array is refused with CORBEL_ERR_INVALID_PLUGIN', () => {
    const broken = { name: 'broken', providers: Greeter, setup() {} } as unknown as CorbelPlugin;
    expect(() => createApp({ plugins: [broken], logger: false }))
      .to.throw(CorbelError, "plugin 'broken': expected providers to be an array")
      .with.property('code', 'CORBEL_ERR_INVALID_PLUGIN');
  });
});
