// Compiles an app from its injector: filters, validation, pipelines, every controller's routes, plugins, the handler.
import type { Server } from 'node:http';
import { CorbelError } from '../errors/corbel-error';
import { createDefaultFilters } from '../filters/default-filters';
import { ErrorDispatcher } from '../filters/error-dispatcher';
import { FilterRegistry } from '../filters/filter-registry';
import { createContinueListener } from '../http/expect-continue';
import { Router } from '../http/router';
import type { ApplicationInjector } from '../injection/application-injector';
import type { Logger } from '../logging/logger';
import type { GuardReference } from '../pipeline/guard';
import type { InterceptorReference } from '../pipeline/interceptor';
import { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { PipeReference } from '../pipes/pipe-transform';
import type { PluginContext } from '../plugins/plugin';
import { DtoValidator } from '../validation/dto-validator';
import { App } from './app';
import type { ModuleAppOptions } from './app-options';
import { compileController } from './compile-routes';
import type { CompiledRoute } from './compiled-route';
import { createRequestHandler } from './request-handler';

const ONE_MEBIBYTE = 1024 * 1024;

/**
 * Reads every decorator's metadata once, through `injector`'s modules, into the tables the App serves from; misuse
 * throws a `CorbelError` here rather than on the first request.
 * @example const app = buildApp(injector, { logger: false }, silentLogger);
 */
export function buildApp(injector: ApplicationInjector, options: ModuleAppOptions, logger: Logger): App {
  const enhancers = injector.appEnhancers();
  const filters = new FilterRegistry(
    createDefaultFilters(logger),
    [...(options.filters ?? []), ...injector.moduleFilters(), ...enhancers.filters],
    injector.instantiateFilter,
  );
  const dispatcher = new ErrorDispatcher(filters.defaults, logger);
  const validator = new DtoValidator(options.validation);
  const router = new Router<CompiledRoute>();
  const bodyLimit = options.bodyLimit ?? ONE_MEBIBYTE;
  const globals = {
    middleware: options.middleware,
    guards: [...(options.guards ?? []), ...(enhancers.guards as GuardReference[])],
    interceptors: [...(options.interceptors ?? []), ...(enhancers.interceptors as InterceptorReference[])],
    pipes: [...(options.pipes ?? []), ...(enhancers.pipes as PipeReference[])],
    consumer: injector.configureModules(),
  };
  const pipelines = new PipelineCompiler(globals, injector.instantiateStage, bodyLimit, validator);
  injector.eachController((controller, instantiate) => {
    compileController(controller, { router, filters, validator, instantiate, pipelines });
  });
  pipelines.checkConsumerRules();

  const listenHooks: ((server: Server) => void)[] = [];
  const closeHooks: (() => Promise<void>)[] = [];
  const context: PluginContext = {
    logger,
    filters,
    dispatcher,
    validator,
    instantiate: injector.instantiateForPlugin,
    stagesFor: (target, method, stageOptions) => pipelines.forHandler(target, method, stageOptions),
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
  });
  return new App({
    handler,
    checkContinue: createContinueListener(handler),
    router,
    globalFilters: filters.global,
    logger,
    listenHooks,
    closeHooks,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    lifecycle: injector.lifecycle,
  });
}
