// The shapes of what modules and createApp accept as providers, and of the tokens that name them.
import type { AnyClass, Constructor } from '../metadata/constructor';

/**
 * What names a dependency: a class (resolved by constructor type) or a string/symbol given to @Inject.
 * @example const CONFIG: InjectionToken<Config> = Symbol('config');
 */
export type InjectionToken<T = unknown> = AnyClass<T> | string | symbol;

/**
 * `singleton` (the default): one instance per provider; `transient`: a new instance for every injection.
 * @example @Injectable({ scope: 'transient' })
 */
export type ProviderScope = 'singleton' | 'transient';

/**
 * A ready value under a token.
 * @example { provide: 'CONFIG', useValue: { greeting: 'Hello' } }
 */
export interface ValueProvider<T = unknown> {
  readonly provide: InjectionToken<T>;
  readonly useValue: T;
}

/**
 * A class to instantiate (with injection) under a token, e.g. an implementation behind an abstract class.
 * @example { provide: UsersRepository, useClass: InMemoryUsersRepository }
 */
export interface ClassProvider<T = unknown> {
  readonly provide: InjectionToken<T>;
  readonly useClass: Constructor<T>;
  readonly scope?: ProviderScope;
}

/**
 * A function whose result is the value; `inject` lists the tokens passed to it. It may return a promise: the app
 * awaits it before listening.
 * @example { provide: 'DB', useFactory: async (config: Config) => connect(config.url), inject: [Config] }
 */
export interface FactoryProvider<T = unknown> {
  readonly provide: InjectionToken<T>;
  readonly useFactory: (...dependencies: never[]) => T | Promise<T>;
  readonly inject?: readonly InjectionToken[];
  readonly scope?: ProviderScope;
}

/**
 * A class (its own token) or one of the `{ provide, use… }` forms.
 * @example providers: [UsersService, { provide: 'CONFIG', useValue: config }]
 */
export type Provider<T = unknown> = Constructor<T> | ValueProvider<T> | ClassProvider<T> | FactoryProvider<T>;

/**
 * What a module's `static forRoot(options)` returns: the module plus providers made from the options.
 * @example static forRoot(options: Config): DynamicModule {
 *   return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: options }] };
 * }
 */
export interface DynamicModule {
  readonly module: Constructor;
  readonly providers?: readonly Provider[];
  readonly exports?: readonly (InjectionToken | Constructor | DynamicModule)[];
  readonly imports?: readonly ModuleImport[];
}

/**
 * An entry of `imports`: a @Module class or a `forRoot` result.
 * @example imports: [UsersModule, ConfigModule.forRoot({ env: 'test' })]
 */
export type ModuleImport = Constructor | DynamicModule;
