// Resolution: by type, by token, factories (sync and async), singleton vs transient, modules and forRoot.
import {
  type App,
  Catch,
  Controller,
  type CorbelPlugin,
  createApp,
  type DynamicModule,
  type ExceptionFilter,
  Get,
  Inject,
  Injectable,
  Module,
  type OnModuleInit,
} from '@corbel/core';
import { expect } from 'chai';

@Injectable()
class Clock {
  now(): string {
    return '2024-01-01T00:00:00Z';
  }
}

@Injectable()
class Greeter {
  constructor(private readonly clock: Clock) {}

  greet(name: string): string {
    return `Hello, ${name} (${this.clock.now()})`;
  }
}

@Controller('/greet')
class GreetController {
  constructor(private readonly greeter: Greeter) {}

  @Get()
  greet() {
    return { text: this.greeter.greet('Ada') };
  }
}

async function getJson(app: App, url: string): Promise<{ status: number; body: unknown }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

describe('injection: resolution', () => {
  it('injects constructor parameters by their declared class, transitively', async () => {
    const app = createApp({ controllers: [GreetController], providers: [Greeter, Clock], logger: false });
    expect(await getJson(app, '/greet')).to.deep.equal({
      status: 200,
      body: { text: 'Hello, Ada (2024-01-01T00:00:00Z)' },
    });
  });

  it('makes one instance of a singleton provider for everything that injects it', async () => {
    @Injectable()
    class Counter {
      value = 0;
    }
    @Controller('/a')
    class AController {
      constructor(readonly counter: Counter) {}
      @Get() hit() {
        return { value: ++this.counter.value };
      }
    }
    @Controller('/b')
    class BController {
      constructor(readonly counter: Counter) {}
      @Get() hit() {
        return { value: ++this.counter.value };
      }
    }
    const app = createApp({ controllers: [AController, BController], providers: [Counter], logger: false });
    expect((await getJson(app, '/a')).body).to.deep.equal({ value: 1 });
    expect((await getJson(app, '/b')).body).to.deep.equal({ value: 2 });
  });

  it('makes a new instance of a transient provider for every injection', async () => {
    let made = 0;
    @Injectable({ scope: 'transient' })
    class RequestIdFactory {
      readonly id = ++made;
    }
    @Injectable()
    class First {
      constructor(readonly ids: RequestIdFactory) {}
    }
    @Injectable()
    class Second {
      constructor(readonly ids: RequestIdFactory) {}
    }
    @Controller('/ids')
    class IdsController {
      constructor(
        private readonly first: First,
        private readonly second: Second,
      ) {}
      @Get() ids() {
        return [this.first.ids.id, this.second.ids.id];
      }
    }
    const app = createApp({
      controllers: [IdsController],
      providers: [RequestIdFactory, First, Second],
      logger: false,
    });
    expect((await getJson(app, '/ids')).body).to.deep.equal([1, 2]);
    expect(made).to.equal(2);
  });

  it('injects @Inject(token) parameters from value, class and factory providers', async () => {
    const DATABASE_URL = Symbol('databaseUrl');
    abstract class UsersRepository {
      abstract names(): string[];
    }
    class MemoryUsersRepository extends UsersRepository {
      names() {
        return ['ada', 'alan'];
      }
    }
    @Controller('/config')
    class ConfigController {
      constructor(
        @Inject('GREETING') private readonly greeting: string,
        @Inject(DATABASE_URL) private readonly url: string,
        private readonly users: UsersRepository,
      ) {}
      @Get() show() {
        return { greeting: this.greeting, url: this.url, users: this.users.names() };
      }
    }
    const app = createApp({
      controllers: [ConfigController],
      providers: [
        { provide: 'GREETING', useValue: 'hi' },
        { provide: 'HOST', useValue: 'db.local' },
        { provide: DATABASE_URL, useFactory: (host: string) => `postgres://${host}/app`, inject: ['HOST'] },
        { provide: UsersRepository, useClass: MemoryUsersRepository },
      ],
      logger: false,
    });
    expect((await getJson(app, '/config')).body).to.deep.equal({
      greeting: 'hi',
      url: 'postgres://db.local/app',
      users: ['ada', 'alan'],
    });
  });

  it('awaits async factories before serving: inject() and listen() wait, onModuleInit sees the value', async () => {
    const events: string[] = [];
    @Injectable()
    class Connection implements OnModuleInit {
      constructor(@Inject('DB') readonly db: { name: string }) {
        events.push(`Connection got ${db.name}`);
      }
      onModuleInit() {
        events.push('Connection.onModuleInit');
      }
    }
    @Controller('/db')
    class DbController {
      // #private state must survive the stand-in used while the factory is awaited.
      readonly #connection: Connection;
      constructor(connection: Connection) {
        this.#connection = connection;
      }
      @Get() show() {
        return { db: this.#connection.db.name };
      }
    }
    const app = createApp({
      controllers: [DbController],
      providers: [
        Connection,
        {
          provide: 'DB',
          useFactory: async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            events.push('DB ready');
            return { name: 'main' };
          },
        },
      ],
      logger: false,
    });
    // 1. createApp returned before the factory settled.
    expect(events).to.deep.equal([]);
    // 2. inject() awaited it, then the hooks, then served.
    expect(await getJson(app, '/db')).to.deep.equal({ status: 200, body: { db: 'main' } });
    expect(events).to.deep.equal(['DB ready', 'Connection got main', 'Connection.onModuleInit']);
    const { url } = await app.listen(0);
    try {
      const response = await fetch(`${url}/db`);
      expect(await response.json()).to.deep.equal({ db: 'main' });
    } finally {
      await app.close();
    }
  });

  it('rejects listen() and inject() with the error of a failing async factory', async () => {
    @Controller('/x')
    class XController {
      constructor(@Inject('BROKEN') readonly broken: unknown) {}
      @Get() x() {
        return {};
      }
    }
    const app = createApp({
      controllers: [XController],
      providers: [{ provide: 'BROKEN', useFactory: async () => Promise.reject(new Error('cannot connect')) }],
      logger: false,
    });
    let injected: unknown;
    await app.inject('/x').catch((error: unknown) => {
      injected = error;
    });
    expect(injected).to.be.instanceOf(Error).with.property('message', 'cannot connect');
    let listened: unknown;
    await app.listen(0).catch((error: unknown) => {
      listened = error;
    });
    expect(listened).to.equal(injected);
    expect(app.server).to.equal(undefined);
    await app.close();
  });

  it('gives filter classes injection too', async () => {
    @Injectable()
    class ErrorFormatter {
      format(error: Error) {
        return { problem: error.message };
      }
    }
    @Catch(RangeError)
    class RangeErrorFilter implements ExceptionFilter<RangeError> {
      constructor(private readonly formatter: ErrorFormatter) {}
      catch(error: RangeError) {
        return this.formatter.format(error);
      }
    }
    @Controller('/range')
    class RangeController {
      @Get() fail(): never {
        throw new RangeError('too far');
      }
    }
    const app = createApp({
      controllers: [RangeController],
      providers: [ErrorFormatter],
      filters: [RangeErrorFilter],
      logger: false,
    });
    expect(await getJson(app, '/range')).to.deep.equal({ status: 500, body: { problem: 'too far' } });
  });

  it('PluginContext.instantiate makes plugin-managed classes (gateways) with injection', () => {
    @Injectable()
    class ChatStore {
      readonly messages = ['welcome'];
    }
    @Injectable()
    class ChatGateway {
      constructor(readonly store: ChatStore) {}
    }
    let gateway: ChatGateway | undefined;
    const plugin: CorbelPlugin = {
      name: 'fake-ws',
      setup(context) {
        gateway = context.instantiate(ChatGateway);
      },
    };
    createApp({ providers: [ChatStore], plugins: [plugin], logger: false });
    expect(gateway?.store.messages).to.deep.equal(['welcome']);
  });
});

describe('injection: modules', () => {
  @Injectable()
  class Database {
    readonly name = 'db';
  }

  @Module({ providers: [Database], exports: [Database] })
  class DatabaseModule {}

  @Injectable()
  class UsersService {
    constructor(readonly database: Database) {}
    list() {
      return [{ id: 1, from: this.database.name }];
    }
  }

  @Controller('/users')
  class UsersController {
    constructor(private readonly users: UsersService) {}
    @Get() list() {
      return this.users.list();
    }
  }

  @Module({ imports: [DatabaseModule], controllers: [UsersController], providers: [UsersService] })
  class UsersModule {}

  it('createApp(AppModule) serves the controllers of every imported module, with their providers', async () => {
    @Module({ imports: [UsersModule] })
    class AppModule {}
    const app = createApp(AppModule, { logger: false });
    expect(await getJson(app, '/users')).to.deep.equal({ status: 200, body: [{ id: 1, from: 'db' }] });
    expect(app.routes()).to.deep.equal([{ method: 'GET', path: '/users', handler: 'UsersController.list' }]);
  });

  it('a module cannot inject what an import does not export', () => {
    @Controller('/peek')
    class PeekController {
      constructor(readonly users: UsersService) {}
    }
    @Module({ imports: [UsersModule], controllers: [PeekController] })
    class AppModule {}
    expect(() => createApp(AppModule, { logger: false })).to.throw(
      'Cannot resolve parameter #1 of PeekController: UsersService is not provided in AppModule ' +
        '(providers: none; imports export: none)',
    );
  });

  it('an exported provider is one instance across the modules that import it', async () => {
    @Module({ imports: [DatabaseModule], providers: [UsersService], exports: [UsersService] })
    class ExportingUsersModule {}
    @Controller('/same')
    class SameController {
      constructor(
        private readonly database: Database,
        private readonly users: UsersService,
      ) {}
      @Get() same() {
        return { same: this.database === this.users.database };
      }
    }
    @Module({ imports: [DatabaseModule, ExportingUsersModule], controllers: [SameController] })
    class AppModule {}
    const app = createApp(AppModule, { logger: false });
    expect((await getJson(app, '/same')).body).to.deep.equal({ same: true });
  });

  it('a module re-exporting an imported module passes its exports on', async () => {
    @Module({ imports: [DatabaseModule], exports: [DatabaseModule] })
    class CoreModule {}
    @Controller('/core')
    class CoreController {
      constructor(private readonly database: Database) {}
      @Get() show() {
        return { name: this.database.name };
      }
    }
    @Module({ imports: [CoreModule], controllers: [CoreController] })
    class AppModule {}
    expect((await getJson(createApp(AppModule, { logger: false }), '/core')).body).to.deep.equal({ name: 'db' });
  });

  it('a static forRoot(options) adds providers made from its options', async () => {
    const GREETING_OPTIONS = Symbol('greetingOptions');
    @Injectable()
    class GreetingService {
      constructor(@Inject(GREETING_OPTIONS) private readonly options: { word: string }) {}
      greet(name: string) {
        return `${this.options.word}, ${name}`;
      }
    }
    @Module({ providers: [GreetingService], exports: [GreetingService] })
    class GreetingModule {
      static forRoot(options: { word: string }): DynamicModule {
        return { module: GreetingModule, providers: [{ provide: GREETING_OPTIONS, useValue: options }] };
      }
    }
    @Controller('/hello')
    class HelloController {
      constructor(private readonly greetings: GreetingService) {}
      @Get() hello() {
        return { text: this.greetings.greet('Grace') };
      }
    }
    @Module({ imports: [GreetingModule.forRoot({ word: 'Howdy' })], controllers: [HelloController] })
    class AppModule {}
    expect((await getJson(createApp(AppModule, { logger: false }), '/hello')).body).to.deep.equal({
      text: 'Howdy, Grace',
    });
  });

  it('module options take the flat form settings: global filters and guards apply to module controllers', async () => {
    @Module({ imports: [UsersModule] })
    class AppModule {}
    const app = createApp(AppModule, { logger: false, guards: [{ canActivate: () => false }] });
    expect((await getJson(app, '/users')).status).to.equal(403);
  });
});
