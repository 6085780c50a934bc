// Lifecycle hooks: init and bootstrap in dependency order before serving, shutdown in reverse on close().
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  Controller,
  createApp,
  Get,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@corbel/core';
import { expect } from 'chai';
import { RecordingLogger } from '../support/recording-logger';

const events: string[] = [];

class Recorder implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  async onModuleInit() {
    // Awaited: the next hook starts only once this one has finished.
    await new Promise((resolve) => setTimeout(resolve, 2));
    events.push(`${this.constructor.name}.onModuleInit`);
  }
  onApplicationBootstrap() {
    events.push(`${this.constructor.name}.onApplicationBootstrap`);
  }
  onApplicationShutdown(signal?: string) {
    events.push(`${this.constructor.name}.onApplicationShutdown(${signal})`);
  }
}

@Injectable()
class Config extends Recorder {}

@Injectable()
class Database extends Recorder {
  constructor(readonly config: Config) {
    super();
  }
}

@Injectable()
class UsersService extends Recorder {
  constructor(readonly database: Database) {
    super();
  }
}

@Controller('/users')
class UsersController extends Recorder {
  constructor(readonly users: UsersService) {
    super();
  }

  @Get() list() {
    return [];
  }
}

@Module({ providers: [Database, Config], exports: [Database] })
class DatabaseModule extends Recorder {}

@Module({ imports: [DatabaseModule], controllers: [UsersController], providers: [UsersService] })
class AppModule extends Recorder {}

describe('injection: lifecycle hooks', () => {
  beforeEach(() => {
    events.length = 0;
  });

  it('listen() runs onModuleInit then onApplicationBootstrap in dependency order; close() shuts down in reverse', async () => {
    const app = createApp(AppModule, { logger: false });
    // 1. Nothing runs at createApp.
    expect(events).to.deep.equal([]);
    // 2. listen(): every onModuleInit (dependencies first), then every onApplicationBootstrap.
    await app.listen(0);
    const created = ['Config', 'Database', 'DatabaseModule', 'UsersService', 'AppModule', 'UsersController'];
    expect(events).to.deep.equal([
      ...created.map((name) => `${name}.onModuleInit`),
      ...created.map((name) => `${name}.onApplicationBootstrap`),
    ]);
    events.length = 0;
    // 3. close(): onApplicationShutdown, dependents first.
    await app.close();
    expect(events).to.deep.equal([...created].reverse().map((name) => `${name}.onApplicationShutdown(undefined)`));
  });

  it('the first inject() runs the init hooks once; later calls and listen() do not repeat them', async () => {
    const app = createApp({
      controllers: [UsersController],
      providers: [UsersService, Database, Config],
      logger: false,
    });
    await app.inject('/users');
    expect(events.filter((event) => event.endsWith('onModuleInit'))).to.have.length(4);
    await app.inject('/users');
    await app.listen(0);
    expect(events.filter((event) => event.endsWith('onModuleInit'))).to.have.length(4);
    await app.close();
  });

  it('close(signal) passes the signal to onApplicationShutdown, once however often close() is called', async () => {
    const app = createApp({ providers: [Config], logger: false });
    await Promise.all([app.close('SIGTERM'), app.close('SIGINT')]);
    expect(events).to.deep.equal(['Config.onApplicationShutdown(SIGTERM)']);
  });

  it('a failing onModuleInit rejects listen(); a failing onApplicationShutdown is logged and the others still run', async () => {
    @Injectable()
    class Broken {
      onModuleInit() {
        throw new Error('cannot warm the cache');
      }
      onApplicationShutdown() {
        throw new Error('cannot flush');
      }
    }
    const logger = new RecordingLogger();
    const app = createApp({ providers: [Config, Broken], logger });
    let failure: unknown;
    await app.listen(0).catch((error: unknown) => {
      failure = error;
    });
    expect(failure).to.be.instanceOf(Error).with.property('message', 'cannot warm the cache');
    await app.close();
    expect(events).to.include('Config.onApplicationShutdown(undefined)');
    expect(logger.errorsText()).to.include('onApplicationShutdown failed').and.include('cannot flush');
  });

  it('useValue values are not given hooks (they belong to whoever made them); factory results are', async () => {
    const value = new Config();
    @Injectable()
    class Uses {
      constructor(
        @Inject('VALUE') readonly value: Config,
        @Inject('MADE') readonly made: Database,
      ) {}
    }
    const app = createApp({
      providers: [
        Uses,
        { provide: 'VALUE', useValue: value },
        { provide: 'MADE', useFactory: (config: Config) => new Database(config), inject: ['VALUE'] },
      ],
      logger: false,
    });
    await app.inject('/');
    expect(events).to.deep.equal(['Database.onModuleInit', 'Database.onApplicationBootstrap']);
  });

  it('enableShutdownHooks(): SIGTERM closes the app with the signal, then the process ends by it', async function () {
    this.timeout(15_000);
    const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'shutdown-app.js')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      // 1. The child serves a request.
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening (\S+)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`the child exited early: ${output}`)));
      });
      expect(await (await fetch(`${url}/ping`)).json()).to.deep.equal({ pong: true });
      // 2. SIGTERM: the hook is told the signal, then the signal ends the process.
      child.kill('SIGTERM');
      expect(await exited).to.deep.equal({ code: null, signal: 'SIGTERM' });
      expect(output).to.include('shutdown:SIGTERM');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
