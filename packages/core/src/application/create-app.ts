// createApp: reads all metadata once into plain tables and returns the App that serves them.
import type { Server } from 'node:http';
import { CorbelError } from '../errors/corbel-error';
import { createDefaultFilters } from '../filters/default-filters';
import { ErrorDispatcher } from '../filters/error-dispatcher';
import { FilterRegistry } from '../filters/filter-registry';
import { Router } from '../http/router';
import { ApplicationInjector, FLAT_ROOT_NAME } from '../injection/application-injector';
import type { DynamicModule, ModuleImport } from '../injection/provider';
import { resolveLogger } from '../logging/logger';
import { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { PluginContext } from '../plugins/plugin';
import { AnswerSerializers } from '../serialization/answer-serializers';
import { DtoValidator } from '../validation/dto-validator';
import { App } from './app';
import type { AppOptions, ModuleAppOptions } from './app-options';
import { compileController } from './compile-routes';
import type { CompiledRoute } from './compiled-route';
import { createRequestHandler } from './request-handler';

const ONE_MEBIBYTE = 1024 * 1024;

function isModuleImport(value: unknown): value is ModuleImport {
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
  const logger = resolveLogger(options.logger);
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
  );
  const filters = new FilterRegistry(
    createDefaultFilters(logger),
    [...(options.filters ?? []), ...injector.moduleFilters()],
    injector.instantiateFilter,
  );
  const dispatcher = new ErrorDispatcher(filters.defaults, logger);
  const validator = new DtoValidator(options.validation);
  const answers = new AnswerSerializers(options, validator);
  answers.prepareFilters(filters.global.entries());
  const router = new Router<CompiledRoute>();
  const bodyLimit = options.bodyLimit ?? ONE_MEBIBYTE;
  const pipelines = new PipelineCompiler(options, injector.instantiateStage, bodyLimit);
  injector.eachController((controller, instantiate) => {
    compileController(controller, { router, filters, validator, instantiate, pipelines, answers });
  });

  const listenHooks: ((server: Server) => void)[] = [];
  const closeHooks: (() => Promise<void>)[] = [];
  const context: PluginContext = {
    logger,
    filters,
    dispatcher,
    validator,
    instantiate: injector.instantiateForPlugin,
    stagesFor: (target, method, stageOptions) => pipelines.forHandler(target, method, stageOptions),
    serializerFor: (target, method) => answers.forHandler(target, method),
    onListen: (hook) => listenHooks.push(hook),
    onClose: (hook) => closeHooks.push(hook),
  };
  for (const plugin of options.plugins ?? []) {
    if (typeof plugin?.setup !== 'function') {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PLUGIN',
        `plugins: expected objects with setup(context), got ${typeof plugin}`,
      );
    }
    plugin.setup(context);
  }

  const handler = createRequestHandler({
    router,
    globalFilters: filters.global,
    dispatcher,
    logger,
    bodyLimit,
    unmatched: pipelines.unmatched(),
    answers,
  });
  return new App({
    handler,
    router,
    globalFilters: filters.global,
    logger,
    listenHooks,
    closeHooks,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    lifecycle: injector.lifecycle,
  });
}
