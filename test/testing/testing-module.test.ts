// @corbel/testing: overrides apply wherever the module graph provides or makes the token; unused ones are refused.
import {
  APP_GUARD,
  type CanActivate,
  Catch,
  Controller,
  CorbelError,
  type ExceptionFilter,
  Get,
  HTTPNotFound,
  Inject,
  Injectable,
  type Interceptor,
  Module,
  type OnApplicationShutdown,
  Param,
  type PipeTransform,
  Reflector,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@corbel/core';
import { Test } from '@corbel/testing';
import { expect } from 'chai';

@Injectable()
class CatsService {
  findAll(): string[] {
    return ['Tom', 'Kitty'];
  }
}

class DenyGuard implements CanActivate {
  canActivate() {
    return false;
  }
}

class ShoutInterceptor implements Interceptor {
  async intercept(_context: unknown, next: () => Promise<unknown>) {
    return { shouted: await next() };
  }
}

@Catch(HTTPNotFound)
class MissingFilter implements ExceptionFilter {
  catch() {
    return { missing: 'real filter' };
  }
}

class DoublePipe implements PipeTransform<number, number> {
  transform(value: number) {
    return value * 2;
  }
}

@Controller('/cats')
class CatsController {
  constructor(private readonly cats: CatsService) {}

  @Get()
  findAll() {
    return { data: this.cats.findAll() };
  }

  @Get('/guarded')
  @UseGuards(DenyGuard)
  guarded() {
    return 'secret';
  }

  @Get('/loud')
  @UseInterceptors(ShoutInterceptor)
  loud() {
    return 'meow';
  }

  @Get('/missing')
  @UseFilters(MissingFilter)
  missing() {
    throw new HTTPNotFound();
  }

  @Get('/double/:n')
  double(@Param('n', DoublePipe) n: number) {
    return n;
  }
}

@Module({ controllers: [CatsController], providers: [CatsService], exports: [CatsService] })
class CatsModule {}

const CONNECTION = 'CONNECTION';

@Injectable()
class Database implements OnApplicationShutdown {
  closed = false;
  constructor(@Inject(CONNECTION) readonly url: string) {}
  onApplicationShutdown() {
    this.closed = true;
  }
}

@Module({ providers: [{ provide: CONNECTION, useValue: 'postgres://real' }, Database], exports: [Database] })
class DatabaseModule {}

@Module({ providers: [{ provide: CONNECTION, useValue: 'memory://' }, Database], exports: [Database] })
class InMemoryDatabaseModule {}

@Controller('/db')
class DatabaseController {
  constructor(private readonly database: Database) {}
  @Get() url() {
    return { url: this.database.url };
  }
}

@Module({ imports: [DatabaseModule], controllers: [DatabaseController] })
class StorageModule {}

async function compileError(compile: () => Promise<unknown>): Promise<CorbelError> {
  try {
    await compile();
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    return error as CorbelError;
  }
  throw new Error('expected compile() to reject');
}

describe('@corbel/testing: Test.createTestingModule', () => {
  it('overrides a provider in the imported module that provides it, for get() and the routes alike', async () => {
    const fake = { findAll: () => ['test'] };
    const moduleRef = await Test.createTestingModule({ imports: [CatsModule] })
      .overrideProvider(CatsService)
      .useValue(fake)
      .compile();
    expect(moduleRef.get(CatsService)).to.equal(fake);
    expect(moduleRef.get(CatsController)).to.be.instanceOf(CatsController);
    const app = moduleRef.createApp({ logger: false });
    const response = await app.inject('/cats');
    expect(response.json()).to.deep.equal({ data: ['test'] });
    await moduleRef.close();
  });

  it('overrides with useClass (made with injection) and useFactory({ factory, inject })', async () => {
    @Injectable()
    class FakeCats {
      // Made in CatsModule, where CatsService was provided: it injects what that module sees.
      constructor(readonly reflector: Reflector) {}
      findAll() {
        return [this.reflector instanceof Reflector ? 'injected' : 'not injected'];
      }
    }
    const byClass = await Test.createTestingModule({ imports: [CatsModule] })
      .overrideProvider(CatsService)
      .useClass(FakeCats)
      .compile();
    expect((await byClass.createApp({ logger: false }).inject('/cats')).json()).to.deep.equal({ data: ['injected'] });
    const byFactory = await Test.createTestingModule({ imports: [DatabaseModule] })
      .overrideProvider(CONNECTION)
      .useFactory({ factory: (...parts: never[]) => `sqlite://${parts.length}`, inject: [] })
      .compile();
    expect(byFactory.get(Database).url).to.equal('sqlite://0');
  });

  it('rejects at compile() an override of a token nobody provides, naming it', async () => {
    const error = await compileError(() =>
      Test.createTestingModule({ controllers: [DatabaseController] })
        .overrideProvider('NOBODY')
        .useValue(1)
        .compile(),
    );
    expect(error.code).to.equal('CORBEL_ERR_UNUSED_OVERRIDE');
    expect(error.message).to.include("overrideProvider('NOBODY')");
  });

  it('get() with strict looks only in the testing module own providers', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CatsModule],
      providers: [{ provide: 'X', useValue: 1 }],
    }).compile();
    expect(moduleRef.get('X', { strict: true })).to.equal(1);
    expect(moduleRef.get(CatsService)).to.be.instanceOf(CatsService);
    expect(() => moduleRef.get(CatsService, { strict: true })).to.throw(/TestingModule does not provide it/);
    expect(() => moduleRef.get('UNKNOWN')).to.throw(/no module of this module graph provides it/);
  });

  it('overrides guards, interceptors, filters and pipes wherever they are used', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CatsModule] })
      .overrideGuard(DenyGuard)
      .useValue({ canActivate: () => true })
      .overrideInterceptor(ShoutInterceptor)
      .useValue({ intercept: (_context: unknown, next: () => Promise<unknown>) => next() })
      .overrideFilter(MissingFilter)
      .useValue({ catch: () => ({ missing: 'fake filter' }) })
      .overridePipe(DoublePipe)
      .useValue({ transform: (value: number) => value + 1 })
      .compile();
    const app = moduleRef.createApp({ logger: false });
    expect((await app.inject('/cats/guarded')).body).to.equal('secret');
    expect((await app.inject('/cats/loud')).body).to.equal('meow');
    expect((await app.inject('/cats/missing')).json()).to.deep.equal({ missing: 'fake filter' });
    expect((await app.inject('/cats/double/4')).json()).to.equal(5);
  });

  it('overrides an APP_GUARD class too, and refuses at createApp an enhancer override nothing uses', async () => {
    @Module({ imports: [CatsModule], providers: [{ provide: APP_GUARD, useClass: DenyGuard }] })
    class GuardedModule {}
    const moduleRef = await Test.createTestingModule({ imports: [GuardedModule] })
      .overrideGuard(DenyGuard)
      .useValue({ canActivate: () => true })
      .compile();
    expect((await moduleRef.createApp({ logger: false }).inject('/cats')).statusCode).to.equal(200);
    class UnusedGuard implements CanActivate {
      canActivate() {
        return true;
      }
    }
    const unused = await Test.createTestingModule({ imports: [CatsModule] })
      .overrideGuard(UnusedGuard)
      .useValue({ canActivate: () => true })
      .compile();
    expect(() => unused.createApp({ logger: false })).to.throw(CorbelError, /UnusedGuard/);
  });

  it('replaces a module wherever it is imported, and runs the shutdown hooks on close()', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [StorageModule] })
      .overrideModule(DatabaseModule)
      .useModule(InMemoryDatabaseModule)
      .compile();
    const app = moduleRef.createApp({ logger: false });
    const { url } = await app.listen(0);
    const response = await fetch(`${url}/db`);
    expect(await response.json()).to.deep.equal({ url: 'memory://' });
    const database = moduleRef.get(Database);
    await moduleRef.close();
    expect(database.closed).to.equal(true);
  });

  it('rejects overrideModule of a module nobody imports', async () => {
    const error = await compileError(() =>
      Test.createTestingModule({ imports: [CatsModule] })
        .overrideModule(DatabaseModule)
        .useModule(InMemoryDatabaseModule)
        .compile(),
    );
    expect(error.code).to.equal('CORBEL_ERR_UNUSED_OVERRIDE');
    expect(error.message).to.include('overrideModule(DatabaseModule)');
  });

  it('resolve() gives a transient provider a new instance each time', async () => {
    @Injectable({ scope: 'transient' })
    class Counter {}
    const moduleRef = await Test.createTestingModule({ providers: [Counter] }).compile();
    const [first, second] = [await moduleRef.resolve(Counter), await moduleRef.resolve(Counter)];
    expect(first).to.be.instanceOf(Counter);
    expect(first).to.not.equal(second);
  });
});
