// An application context: the module graph's providers, made once, to look up, and to build an App from.
import { CorbelError } from '../errors/corbel-error';
import { ApplicationInjector, FLAT_ROOT_NAME } from '../injection/application-injector';
import type { OverrideRecipe } from '../injection/container';
import type { InjectionToken, ModuleImport } from '../injection/provider';
import { type Logger, resolveLogger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { CorbelPlugin } from '../plugins/plugin';
import type { App } from './app';
import type { AppOptions, ModuleAppOptions } from './app-options';
import { buildApp, checkedPlugins } from './build-app';
import { isModuleImport } from './create-app';

/**
 * What a context's module graph may have replaced (the seam `@corbel/testing` builds on): a provider's token
 * wherever a module provides it, a guard, interceptor, filter or pipe class wherever it is made, a module wherever
 * it is imported. Each must replace something: an override of a token nobody provides throws at creation
 * (`CORBEL_ERR_UNUSED_OVERRIDE`), an enhancer override nothing uses throws at `createApp`.
 * @example { providers: new Map([[CatsService, { useValue: fakeCats }]]) }
 */
export interface ContextOverrides {
  readonly providers?: ReadonlyMap<InjectionToken, OverrideRecipe>;
  readonly enhancers?: ReadonlyMap<InjectionToken, OverrideRecipe>;
  readonly modules?: ReadonlyMap<Constructor, ModuleImport>;
}

/**
 * The options of `createApplicationContext`.
 * @example createApplicationContext(AppModule, { logger: false })
 */
export interface ApplicationContextOptions {
  /** For lifecycle hooks that fail, and the default of the app's own logger. */
  readonly logger?: Logger | false;
  readonly overrides?: ContextOverrides;
  /**
   * The plugins the App built from this context will use (`webSockets({ gateways })`): what they provide (the
   * `WebSocketHub`) must be known when the providers are made. `createApp()` uses them unless given its own.
   */
  readonly plugins?: readonly CorbelPlugin[];
}

/**
 * `get(token, { strict })`: `strict` looks in the root module's own providers only.
 * @example context.get(ConfigService, { strict: true })
 */
export interface GetOptions {
  readonly strict?: boolean;
}

/** The flat form's parts a context takes. */
export type FlatModule = Pick<AppOptions, 'controllers' | 'providers' | 'imports'>;

/**
 * The providers of a module graph, made once (NestJS's application context): `get` and `resolve` them, build the
 * App from them with `createApp` (it shares every instance), and `close()` to run the shutdown hooks.
 * @example
 * const context = createApplicationContext(AppModule);
 * await context.init();
 * const cats = context.get(CatsService);
 */
export class ApplicationContext {
  readonly #injector: ApplicationInjector;
  readonly #logger: Logger;
  readonly #plugins: readonly CorbelPlugin[];
  #app: App | undefined;

  /** Made by `createApplicationContext`. */
  constructor(injector: ApplicationInjector, logger: Logger, plugins: readonly CorbelPlugin[] = []) {
    this.#injector = injector;
    this.#logger = logger;
    this.#plugins = plugins;
  }

  /**
   * The instance (or value) of `token`: a provider of any module (the root's first), or a controller; with
   * `strict`, the root module's own providers only. Throws `CORBEL_ERR_UNKNOWN_PROVIDER` when nothing provides it.
   * @example const cats = context.get(CatsService);
   */
  get<T = unknown>(token: InjectionToken<T>, options: GetOptions = {}): T {
    return this.#injector.get(token, options.strict === true) as T;
  }

  /**
   * Like `get`, but awaits an async factory; a transient provider gives a new instance each call.
   * @example const connection = await context.resolve<Connection>('DB');
   */
  resolve<T = unknown>(token: InjectionToken<T>, options: GetOptions = {}): Promise<T> {
    return this.#injector.resolve(token, options.strict === true) as Promise<T>;
  }

  /**
   * Resolves once every async factory has its value; no lifecycle hook runs.
   * @example await context.ready(); context.get('DB');
   */
  ready(): Promise<void> {
    return this.#injector.ready();
  }

  /**
   * Awaits async providers, then runs `onModuleInit` and `onApplicationBootstrap`, once (an App built from this
   * context shares it).
   * @example await context.init();
   */
  init(): Promise<void> {
    return this.#injector.lifecycle.init();
  }

  /**
   * Builds the App (once) from this context's instances: its routes, filters and stages. A guard, interceptor,
   * filter or pipe override that nothing used is refused here.
   * @example const app = context.createApp({ logger: false }); await app.inject('/cats');
   */
  createApp(options: ModuleAppOptions = {}): App {
    if (this.#app) throw new CorbelError('CORBEL_ERR_INVALID_MODULE', 'createApp() was already called on this context');
    const logger = options.logger === undefined ? this.#logger : resolveLogger(options.logger);
    const plugins = checkedPlugins(options.plugins ?? this.#plugins);
    for (const plugin of plugins) {
      // Its providers were not there when this context made every provider: whatever injects them would fail, or
      // (worse) a second hub would serve the gateways while services hold the first.
      if (!this.#plugins.includes(plugin) && (plugin.providers?.length ?? 0) > 0) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_PLUGIN',
          `plugin '${String(plugin.name)}' provides what the context's providers may inject, so it must be known ` +
            'when they are made: give it to createApplicationContext(root, { plugins }) — in a test, ' +
            'Test.createTestingModule({ ..., plugins: [...] })',
        );
      }
    }
    const app = buildApp(this.#injector, { ...options, plugins }, logger);
    this.#injector.checkEnhancerOverrides();
    this.#app = app;
    return app;
  }

  /**
   * Closes the App built from this context (which runs the shutdown hooks), or only runs the hooks when none was.
   * @example await context.close();
   */
  close(signal?: string): Promise<void> {
    return this.#app ? this.#app.close(signal) : this.#injector.lifecycle.shutdown(signal);
  }
}

/**
 * Reads a module graph (a root @Module, or the flat form's `{ controllers, providers, imports }`) and makes its
 * providers, without serving anything: for scripts, workers, and test modules. `overrides` is the testing seam.
 * @example
 * const context = createApplicationContext(AppModule, { logger: false });
 * const app = context.createApp();
 */
export function createApplicationContext(
  root: ModuleImport | FlatModule,
  options: ApplicationContextOptions = {},
): ApplicationContext {
  const logger = resolveLogger(options.logger);
  const definition = isModuleImport(root)
    ? root
    : {
        name: FLAT_ROOT_NAME,
        controllers: root.controllers ?? [],
        providers: root.providers ?? [],
        imports: root.imports ?? [],
      };
  const plugins = checkedPlugins(options.plugins);
  const injector = new ApplicationInjector(
    definition,
    logger,
    options.overrides,
    plugins.flatMap((plugin) => plugin.providers ?? []),
  );
  return new ApplicationContext(injector, logger, plugins);
}
