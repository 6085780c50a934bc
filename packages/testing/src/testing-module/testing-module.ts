// A compiled testing module: its instances to look up, and the App built from them.
import type { App, ApplicationContext, GetOptions, InjectionToken, ModuleAppOptions } from '@corbel/core';

/**
 * What `compile()` gives: the module graph's instances, overrides applied. `createApp()` builds the App from the very
 * same instances, so what `get()` returns is what the routes use.
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [CatsModule] }).compile();
 * const app = moduleRef.createApp({ logger: false });
 * const response = await app.inject('/cats');
 */
export class TestingModule {
  readonly #context: ApplicationContext;

  /** Made by `TestingModuleBuilder.compile()`. */
  constructor(context: ApplicationContext) {
    this.#context = context;
  }

  /**
   * The instance of `token` from any module (the testing module's own first), a controller included; `strict` looks
   * only in the testing module's own providers. Throws `CORBEL_ERR_UNKNOWN_PROVIDER` when nothing provides it.
   * @example const cats = moduleRef.get(CatsService);
   */
  get<T = unknown>(token: InjectionToken<T>, options: GetOptions = {}): T {
    return this.#context.get(token, options);
  }

  /**
   * Like `get`, awaiting an async factory; a transient provider gives a new instance each call.
   * @example const repository = await moduleRef.resolve(CatsRepository);
   */
  resolve<T = unknown>(token: InjectionToken<T>, options: GetOptions = {}): Promise<T> {
    return this.#context.resolve(token, options);
  }

  /**
   * Runs `onModuleInit` and `onApplicationBootstrap` (the App's `init()`, `inject()` and `listen()` do it too).
   * @example await moduleRef.init();
   */
  init(): Promise<void> {
    return this.#context.init();
  }

  /**
   * Builds the App, once, with these instances; `inject()` and `listen()` work as usual. An override of a guard,
   * interceptor, filter or pipe that nothing uses is refused here (`CORBEL_ERR_UNUSED_OVERRIDE`).
   * @example const app = moduleRef.createApp({ logger: false });
   */
  createApp(options?: ModuleAppOptions): App {
    return this.#context.createApp(options);
  }

  /**
   * Closes the App (when one was built) and runs every `onApplicationShutdown` hook.
   * @example afterEach(() => moduleRef.close());
   */
  close(): Promise<void> {
    return this.#context.close();
  }
}
