// Collects a testing module's overrides, then compiles it: every replacement is applied where the graph uses it.
import {
  type Constructor,
  type ContextOverrides,
  type CorbelPlugin,
  createApplicationContext,
  type InjectionToken,
  type ModuleImport,
  type OverrideRecipe,
} from '@corbel/core';
import { TestingModule } from './testing-module';

/**
 * `useFactory`'s argument, as NestJS takes it: the factory and the tokens passed to it.
 * @example .useFactory({ factory: (config: Config) => new FakeMailer(config), inject: [Config] })
 */
export interface FactoryOverride {
  readonly factory: (...dependencies: never[]) => unknown;
  readonly inject?: readonly InjectionToken[];
}

/**
 * How a guard, interceptor, filter or pipe class is replaced: by a ready value or by another class.
 * @example builder.overrideGuard(RolesGuard).useValue({ canActivate: () => true })
 */
export interface OverrideBy {
  useValue(value: unknown): TestingModuleBuilder;
  useClass(type: Constructor): TestingModuleBuilder;
}

/**
 * How a provider is replaced: by a value, a class (made with injection in the module that provided the token), or a
 * factory.
 * @example builder.overrideProvider(CatsService).useValue({ findAll: () => ['test'] })
 */
export interface OverrideProviderBy extends OverrideBy {
  useFactory(factory: FactoryOverride): TestingModuleBuilder;
}

/**
 * How a module is replaced wherever it is imported.
 * @example builder.overrideModule(DatabaseModule).useModule(InMemoryDatabaseModule)
 */
export interface OverrideModuleBy {
  useModule(replacement: ModuleImport): TestingModuleBuilder;
}

/**
 * Builds a testing module: override what it needs, then `compile()`. Overrides apply wherever the module graph
 * provides or makes the token, not only at the root.
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [CatsModule] })
 *   .overrideProvider(CatsService).useValue({ findAll: () => ['test'] })
 *   .compile();
 */
export class TestingModuleBuilder {
  readonly #root: ModuleImport;
  readonly #plugins: readonly CorbelPlugin[];
  readonly #providers = new Map<InjectionToken, OverrideRecipe>();
  readonly #enhancers = new Map<InjectionToken, OverrideRecipe>();
  readonly #modules = new Map<Constructor, ModuleImport>();

  /** Made by `Test.createTestingModule`. */
  /** Made by `Test.createTestingModule`; `plugins` are the ones its app will use. */
  constructor(root: ModuleImport, plugins: readonly CorbelPlugin[] = []) {
    this.#root = root;
    this.#plugins = plugins;
  }

  /**
   * Replaces the provider of `token` in every module that provides it. Nobody providing it is an error at `compile()`.
   * @example .overrideProvider(CatsService).useValue(fakeCats)
   */
  overrideProvider(token: InjectionToken): OverrideProviderBy {
    return {
      ...this.#by(this.#providers, token),
      useFactory: ({ factory, inject }) => {
        this.#providers.set(token, { useFactory: factory, inject: inject ?? [] });
        return this;
      },
    };
  }

  /**
   * Replaces a guard class wherever it is made (`@UseGuards`, `APP_GUARD`, a gateway).
   * @example .overrideGuard(RolesGuard).useValue({ canActivate: () => true })
   */
  overrideGuard(type: Constructor): OverrideBy {
    return this.#by(this.#enhancers, type);
  }

  /**
   * Replaces an interceptor class wherever it is made.
   * @example .overrideInterceptor(LoggingInterceptor).useValue({ intercept: (_context, next) => next() })
   */
  overrideInterceptor(type: Constructor): OverrideBy {
    return this.#by(this.#enhancers, type);
  }

  /**
   * Replaces a filter class wherever it is made; the class's own @Catch keys still decide what it answers.
   * @example .overrideFilter(HttpErrorFilter).useValue({ catch: () => ({ overridden: true }) })
   */
  overrideFilter(type: Constructor): OverrideBy {
    return this.#by(this.#enhancers, type);
  }

  /**
   * Replaces a pipe class wherever it is made (pipe instances, `new ParseIntPipe()`, are not classes to replace).
   * @example .overridePipe(TrimPipe).useValue({ transform: (value: unknown) => value })
   */
  overridePipe(type: Constructor): OverrideBy {
    return this.#by(this.#enhancers, type);
  }

  /**
   * Replaces a module wherever it is imported (and exported). Nobody importing it is an error at `compile()`.
   * @example .overrideModule(DatabaseModule).useModule(InMemoryDatabaseModule)
   */
  overrideModule(type: Constructor): OverrideModuleBy {
    return {
      useModule: (replacement) => {
        this.#modules.set(type, replacement);
        return this;
      },
    };
  }

  /**
   * Reads the module graph with the overrides and makes every provider, awaiting async factories; rejects with a
   * `CorbelError` for an override that replaces nothing, and for every start-up error the graph has.
   * @example const moduleRef = await builder.compile();
   */
  async compile(): Promise<TestingModule> {
    const overrides: ContextOverrides = {
      providers: new Map(this.#providers),
      enhancers: new Map(this.#enhancers),
      modules: new Map(this.#modules),
    };
    const context = createApplicationContext(this.#root, { overrides, plugins: this.#plugins });
    await context.ready();
    return new TestingModule(context);
  }

  #by(target: Map<InjectionToken, OverrideRecipe>, token: InjectionToken): OverrideBy {
    return {
      useValue: (value) => {
        target.set(token, { useValue: value });
        return this;
      },
      useClass: (type) => {
        target.set(token, { useClass: type });
        return this;
      },
    };
  }
}
