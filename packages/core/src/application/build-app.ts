// Compiles an app from its injector: filters, validation, pipelines, every controller's routes, plugins, the handler.
import type { Server } from 'node:http';
import { CorbelError } from '../errors/corbel-error';
import { createDefaultFilters } from '../filters/default-filters';
import { ErrorDispatcher } from '../filters/error-dispatcher';
import { FilterRegistry } from '../filters/filter-registry';
import { createAnswerWriter } from '../http/answer-writer';
import { createCompressor } from '../http/compression';
import { CookieSigner } from '../http/cookie-signer';
import { corsPolicyFor } from '../http/cors';
import { createContinueListener } from '../http/expect-continue';
import { CorbelRequest } from '../http/request';
import { Router } from '../http/router';
import { securityHeadersFor } from '../http/security-headers';
import { routePlacementFor } from '../http/versioning';
import type { ApplicationInjector } from '../injection/application-injector';
import type { Logger } from '../logging/logger';
import type { GuardReference } from '../pipeline/guard';
import type { InterceptorReference } from '../pipeline/interceptor';
import { PipelineCompiler } from '../pipeline/pipeline-compiler';
import type { PipeReference } from '../pipes/pipe-transform';
import type { AppDescription, CorbelPlugin, PluginContext, UnmatchedHandler } from '../plugins/plugin';
import { AnswerSerializers } from '../serialization/answer-serializers';
import { EventStreamCompiler } from '../sse/event-stream-compiler';
import { UploadCompiler } from '../uploads/upload-compiler';
import { DtoValidator } from '../validation/dto-validator';
import { App } from './app';
import type { ModuleAppOptions } from './app-options';
import { compileController } from './compile-routes';
import type { CompiledRoute } from './compiled-route';
import { describeRoutes } from './describe-routes';
import { pluginRoutes } from './plugin-route';
import { createRequestHandler } from './request-handler';
import { composeFallbacks } from './unmatched-fallbacks';

const ONE_MEBIBYTE = 1024 * 1024;

/**
 * The plugins, checked before anything else reads them: their providers must be known before planning.
 * @example const plugins = checkedPlugins(options.plugins);
 */
export function checkedPlugins(plugins: readonly CorbelPlugin[] | undefined): readonly CorbelPlugin[] {
  for (const plugin of plugins ?? []) {
    if (typeof plugin?.setup !== 'function') {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PLUGIN',
        `plugins: expected objects with setup(context), got ${typeof plugin}`,
      );
    }
    if (plugin.providers !== undefined && !Array.isArray(plugin.providers)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PLUGIN',
        `plugin '${String(plugin.name)}': expected providers to be an array, got ${typeof plugin.providers}`,
      );
    }
  }
  return plugins ?? [];
}

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
  const answers = new AnswerSerializers(options, validator);
  answers.prepareFilters(filters.global.entries());
  // Every feature option is checked here, before a route is compiled: a mistake fails start-up, never a request.
  const cookieSigner = CookieSigner.from(options.cookies);
  const corsPolicy = corsPolicyFor(options.cors, 'createApp({ cors })');
  const write = createAnswerWriter({
    logger,
    appHeaders: securityHeadersFor(options.securityHeaders),
    compress: createCompressor(options.compression),
  });
  const { placement, headerVersioning } = routePlacementFor(options.prefix, options.versioning);
  const router = new Router<CompiledRoute>(headerVersioning);
  const bodyLimit = options.bodyLimit ?? ONE_MEBIBYTE;
  const globals = {
    middleware: options.middleware,
    guards: [...(options.guards ?? []), ...(enhancers.guards as GuardReference[])],
    interceptors: [...(options.interceptors ?? []), ...(enhancers.interceptors as InterceptorReference[])],
    pipes: [...(options.pipes ?? []), ...(enhancers.pipes as PipeReference[])],
    consumer: injector.configureModules(),
    prefix: placement.prefix,
  };
  const pipelines = new PipelineCompiler(globals, injector.instantiateStage, bodyLimit, validator);
  const uploads = new UploadCompiler(options.uploads);
  const eventStreams = new EventStreamCompiler(options.sse, dispatcher, logger);
  let anyRouteCors = false;
  injector.eachController((controller, instantiate) => {
    compileController(controller, {
      router,
      filters,
      validator,
      instantiate,
      pipelines,
      answers,
      uploads,
      eventStreams,
      placement,
      cors: { option: options.cors, policy: corsPolicy },
      signsCookies: cookieSigner !== undefined,
      onRoute: (route) => {
        anyRouteCors ||= route.cors !== null;
      },
    });
  });
  pipelines.checkConsumerRules();

  const plugins = checkedPlugins(options.plugins);
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const listenHooks: ((server: Server) => void)[] = [];
  const closeHooks: (() => Promise<void>)[] = [() => eventStreams.close(shutdownTimeoutMs)];
  const readyHooks: (() => void)[] = [];
  const fallbacks: UnmatchedHandler[] = [];
  let description: AppDescription | undefined;
  // Read when first asked: an app that nobody describes does not pay for it.
  const describe = (): AppDescription => {
    description ??= Object.freeze({
      routes: Object.freeze(describeRoutes(router)),
      validation: validator.validatorOptions,
      plugins: Object.freeze([...plugins]),
    });
    return description;
  };
  for (const plugin of plugins) {
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
      addRoute: pluginRoutes(String(plugin.name), {
        router,
        globalFilters: filters.global,
        pipelines,
        cors: corsPolicy,
        answers,
      }),
      describe,
      onReady: (hook) => readyHooks.push(hook),
      onUnmatched: (handler) => {
        if (typeof handler !== 'function') {
          throw new CorbelError('CORBEL_ERR_INVALID_PLUGIN', 'onUnmatched(handler): expected a function');
        }
        fallbacks.push(handler);
      },
      corsOrigin: corsPolicy === null ? null : (origin, request) => corsPolicy.allows(origin, request),
      createRequest: (raw, path, params) => {
        const url = raw.url ?? '/';
        const queryStart = url.indexOf('?');
        const queryString = queryStart === -1 ? '' : url.slice(queryStart + 1);
        return new CorbelRequest(raw, path, queryString, params, undefined, cookieSigner);
      },
    };
    plugin.setup(context);
  }
  for (const hook of readyHooks) hook();

  const handler = createRequestHandler({
    router,
    globalFilters: filters.global,
    dispatcher,
    logger,
    bodyLimit,
    unmatched: pipelines.unmatched(composeFallbacks(fallbacks)),
    write,
    cors: { app: corsPolicy, anyRoute: anyRouteCors },
    cookieSigner,
    answers,
  });
  return new App({
    handler,
    checkContinue: createContinueListener(handler),
    router,
    globalFilters: filters.global,
    logger,
    listenHooks,
    closeHooks,
    shutdownTimeoutMs,
    lifecycle: injector.lifecycle,
    describe,
  });
}
