// createApp: reads all metadata once into plain tables and returns the App that serves them.
import { ApplicationInjector, FLAT_ROOT_NAME } from '../injection/application-injector';
import type { DynamicModule, ModuleImport } from '../injection/provider';
import { resolveLogger } from '../logging/logger';
import type { App } from './app';
import { checkAppOptions } from './app-option-keys';
import type { AppOptions, ModuleAppOptions } from './app-options';
import { buildApp, checkedPlugins } from './build-app';

/** True for a root module (a class or a forRoot result) rather than the flat form's options. */
export function isModuleImport(value: unknown): value is ModuleImport {
  return typeof value === 'function' || typeof (value as Partial<DynamicModule> | undefined)?.module === 'function';
}

/**
 * Builds an application from controllers and providers (the flat form) or from a root @Module. Every
 * decorator's metadata is read here, once; misuse throws a `CorbelError` now rather than on the first request.
 * Async factories are awaited by `listen()`, `inject()` and `init()`.
 * @example
 * const app = createApp({ controllers: [UsersController], providers: [UsersService], logger: false });
 * const modular = createApp(AppModule, { logger: false });
 * await app.listen(3000);
 */
export function createApp(module: ModuleImport, options?: ModuleAppOptions): App;
// The flat form comes last so `Parameters<typeof createApp>[0]` (which reads the last overload) stays AppOptions.
export function createApp(options?: AppOptions): App;
export function createApp(rootOrOptions: AppOptions | ModuleImport = {}, moduleOptions: ModuleAppOptions = {}): App {
  const isModular = isModuleImport(rootOrOptions);
  const options: AppOptions = isModular ? moduleOptions : rootOrOptions;
  checkAppOptions(options, isModular);
  const logger = resolveLogger(options.logger);
  const plugins = checkedPlugins(options.plugins);
  const injector = new ApplicationInjector(
    isModular
      ? rootOrOptions
      : {
          name: FLAT_ROOT_NAME,
          controllers: options.controllers ?? [],
          providers: options.providers ?? [],
          imports: options.imports ?? [],
        },
    logger,
    {},
    // Known before anything is planned, so any module may inject what a plugin provides (the WebSocketHub).
    plugins.flatMap((plugin) => plugin.providers ?? []),
  );
  return buildApp(injector, options, logger);
}
