// Ties the module graph to createApp: which module each controller, filter, stage and gateway is resolved in.
import { isPromiseLike } from '../async/is-promise';
import { CorbelError } from '../errors/corbel-error';
import type { Logger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { FilterReference } from '../metadata/filter-metadata';
import type { ModuleMetadata } from '../metadata/module-metadata';
import { type ConsumerRule, type MiddlewareConsumer, MiddlewareRecorder } from '../pipeline/middleware-consumer';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from './app-tokens';
import { Container, type ContainerOverrides } from './container';
import { Lifecycle } from './lifecycle-hooks';
import { type ModuleGraph, type ModuleNode, readModuleGraph } from './module-graph';
import type { InjectionToken, ModuleImport, Provider } from './provider';
import { describeToken } from './provider-record';

/** What a testing module replaces: providers and enhancers (see `ContainerOverrides`), and whole modules. */
export interface InjectorOverrides extends ContainerOverrides {
  readonly modules?: ReadonlyMap<Constructor, ModuleImport>;
}

/** The flat form's root: `createApp({ controllers, providers })` is a module named `createApp()`. */
export const FLAT_ROOT_NAME = 'createApp()';

/** The providers plugins contribute, as a module every other module sees; undefined when there are none. */
function pluginModule(providers: readonly Provider[]): ModuleNode | undefined {
  if (providers.length === 0) return undefined;
  return {
    name: 'plugins',
    type: undefined,
    providers,
    controllers: [],
    filters: [],
    imports: [],
    exportedTokens: [],
    exportedModules: [],
  };
}

/**
 * Every framework-managed class of an app comes from here. Controllers resolve in their module; filter classes
 * in the module that declares them (else the module of the controller being compiled); guards, interceptors
 * and middleware in their controller's module (a gateway's: the module providing it); global ones in the root
 * module; gateways in the module providing them, else the root.
 */
export class ApplicationInjector {
  readonly graph: ModuleGraph;
  readonly lifecycle: Lifecycle;
  readonly #container: Container;
  readonly #homes = new Map<Constructor, ModuleNode>();
  #compiling: ModuleNode;

  /**
   * Reads the modules and creates every provider; start-up errors are thrown from here. `overrides` are a testing
   * module's replacements; `pluginProviders` are visible from every module.
   */
  constructor(
    root: ModuleImport | (ModuleMetadata & { readonly name: string }),
    logger: Logger,
    overrides: InjectorOverrides = {},
    pluginProviders: readonly Provider[] = [],
  ) {
    const substituted = new Set<Constructor>();
    this.graph = readModuleGraph(root, overrides.modules, substituted);
    for (const module of overrides.modules?.keys() ?? []) {
      if (substituted.has(module)) continue;
      throw new CorbelError(
        'CORBEL_ERR_UNUSED_OVERRIDE',
        `overrideModule(${module.name}): no module of this module graph imports ${module.name}, so there is ` +
          'nothing to replace',
      );
    }
    this.#container = new Container(this.graph, overrides, pluginModule(pluginProviders));
    this.#container.createProviders();
    this.#compiling = this.graph.root;
    for (const module of this.graph.modules) {
      for (const controller of module.controllers) this.#homes.set(controller, module);
      for (const filter of module.filters)
        if (typeof filter === 'function') this.#homes.set(filter as Constructor, module);
    }
    const container = this.#container;
    this.lifecycle = new Lifecycle(
      () => container.instances(),
      () => container.ready(),
      logger,
    );
  }

  /** Filters declared by any module: they join the app's global filters (as NestJS's APP_FILTER does). */
  moduleFilters(): FilterReference[] {
    return this.graph.modules.flatMap((module) => module.filters);
  }

  /**
   * Calls every module's `configure(consumer)` (NestJS's middleware consumer), importers before the modules they
   * import (so the root's rules run outermost), and returns what they applied; each rule's middleware classes are
   * made in the module that applied them.
   */
  configureModules(): ModuleRule[] {
    const rules: ModuleRule[] = [];
    for (const module of [...this.graph.modules].reverse()) {
      const type = module.type;
      if (typeof (type?.prototype as { configure?: unknown } | undefined)?.configure !== 'function') continue;
      const moduleClass = type as Constructor<{ configure(consumer: MiddlewareConsumer): unknown }>;
      const recorder = new MiddlewareRecorder(moduleClass.name);
      const returned = this.#container.instantiate(moduleClass, module).configure(recorder);
      if (isPromiseLike(returned)) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_MODULE',
          `${moduleClass.name}.configure() returned a promise: it runs once at createApp, which does not wait; ` +
            'apply the middleware synchronously (they may be async themselves)',
        );
      }
      recorder.finish();
      const create = <T extends object>(stage: Constructor<T>): T => this.#container.instantiate(stage, module);
      for (const rule of recorder.rules) rules.push({ ...rule, create });
    }
    return rules;
  }

  /** Settles once every async factory has (no lifecycle hook runs). */
  ready(): Promise<void> {
    return this.#container.ready() ?? Promise.resolve();
  }

  /**
   * The value of `token`: the root module's provider, else (unless `strict`) any module's, controllers included.
   * Throws `CORBEL_ERR_UNKNOWN_PROVIDER` when nothing provides it, and when its async factory is still pending.
   */
  get(token: InjectionToken, strict: boolean): unknown {
    const found = this.#lookup(token, strict);
    if ('value' in found) return found.value;
    throw new CorbelError(
      'CORBEL_ERR_UNKNOWN_PROVIDER',
      `get(${describeToken(token)}): its async factory has not settled yet; await compile() (or init()) first, ` +
        'or use resolve()',
    );
  }

  /** Like `get`, awaiting an async factory; a transient provider gives a new instance each time. */
  async resolve(token: InjectionToken, strict: boolean): Promise<unknown> {
    const found = this.#lookup(token, strict);
    return 'value' in found ? found.value : found.pending;
  }

  #lookup(token: InjectionToken, strict: boolean) {
    const found = this.#container.lookup(token, strict);
    if (found) return found;
    throw new CorbelError(
      'CORBEL_ERR_UNKNOWN_PROVIDER',
      `get(${describeToken(token)}): ${strict ? `${this.graph.root.name} does not provide it (strict)` : 'no module of this module graph provides it'}`,
    );
  }

  /** Throws for an enhancer override that nothing was made with: no route or gateway uses that class. */
  checkEnhancerOverrides(): void {
    const [unused] = this.#container.unusedEnhancerOverrides();
    if (unused === undefined) return;
    throw new CorbelError(
      'CORBEL_ERR_UNUSED_OVERRIDE',
      `an override of ${describeToken(unused)} (overrideGuard, overrideInterceptor, overrideFilter or overridePipe) ` +
        `replaced nothing: no route, gateway or module of this app uses ${describeToken(unused)} as a class`,
    );
  }

  /** The providers under APP_GUARD, APP_INTERCEPTOR, APP_FILTER and APP_PIPE, made in their modules. */
  appEnhancers(): { guards: object[]; interceptors: object[]; filters: object[]; pipes: object[] } {
    return {
      guards: this.#container.enhancers(APP_GUARD),
      interceptors: this.#container.enhancers(APP_INTERCEPTOR),
      filters: this.#container.enhancers(APP_FILTER),
      pipes: this.#container.enhancers(APP_PIPE),
    };
  }

  /** Calls `compile` for every controller, imports' controllers first, with the controller's module current. */
  eachController(
    compile: (controller: Constructor, instantiate: <T extends object>(type: Constructor<T>) => T) => void,
  ): void {
    for (const module of this.graph.modules) {
      this.#compiling = module;
      for (const controller of module.controllers) {
        compile(controller, (type) => this.#container.instantiate(type, module));
      }
    }
    this.#compiling = this.graph.root;
  }

  /** A filter class's instance (the registry keeps one per class). */
  instantiateFilter = <T extends object>(type: Constructor<T>): T =>
    this.#container.instantiate(type, this.#homes.get(type) ?? this.#compiling);

  /**
   * A guard, interceptor or middleware class used by `user` (a controller, or a gateway: the module providing it),
   * or globally when undefined.
   */
  instantiateStage = <T extends object>(type: Constructor<T>, user: Constructor | undefined): T =>
    this.#container.instantiate(
      type,
      (user && (this.#homes.get(user) ?? this.#container.moduleProviding(user))) ?? this.graph.root,
    );

  /** A class a plugin manages (a gateway): its provider if a module declares one, else made in the root module. */
  instantiateForPlugin = <T extends object>(type: Constructor<T>): T =>
    this.#container.instantiate(type, this.#container.moduleProviding(type) ?? this.graph.root);
}

/** A consumer rule with the way to make its middleware classes in the module that applied them. */
export interface ModuleRule extends ConsumerRule {
  create<T extends object>(type: Constructor<T>): T;
}
