// createApp: reads all metadata once into plain tables and returns the App that serves them.
import type { Server } from 'node:http';
import { CorbelError } from '../errors/corbel-error';
import { createDefaultFilters } from '../filters/default-filters';
import { ErrorDispatcher } from '../filters/error-dispatcher';
import { FilterRegistry } from '../filters/filter-registry';
import { Router } from '../http/router';
import { resolveLogger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { PluginContext } from '../plugins/plugin';
import { DtoValidator } from '../validation/dto-validator';
import { App } from './app';
import type { AppOptions } from './app-options';
import { compileController } from './compile-routes';
import type { CompiledRoute } from './compiled-route';
import { createRequestHandler } from './request-handler';

const ONE_MEBIBYTE = 1024 * 1024;

function instantiate<T extends object>(type: Constructor<T>): T {
  return new type();
}

/**
 * Builds an application. Every decorator's metadata is read here, once; misuse throws a `CorbelError` now
 * rather than on the first request.
 * @example
 * const app = createApp({ controllers: [UsersController], filters: [ValueErrorFilter], logger: false });
 * await app.listen(3000);
 */
export function createApp(options: AppOptions = {}): App {
  const logger = resolveLogger(options.logger);
  const filters = new FilterRegistry(createDefaultFilters(logger), options.filters ?? [], instantiate);
  const dispatcher = new ErrorDispatcher(filters.defaults, logger);
  const validator = new DtoValidator(options.validation);
  const router = new Router<CompiledRoute>();
  for (const controller of options.controllers ?? []) {
    compileController(controller, { router, filters, validator, instantiate });
  }

  const listenHooks: ((server: Server) => void)[] = [];
  const closeHooks: (() => Promise<void>)[] = [];
  const context: PluginContext = {
    logger,
    filters,
    dispatcher,
    validator,
    instantiate,
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
    bodyLimit: options.bodyLimit ?? ONE_MEBIBYTE,
  });
  return new App({
    handler,
    router,
    globalFilters: filters.global,
    logger,
    listenHooks,
    closeHooks,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
  });
}
