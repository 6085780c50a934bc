// The container: plans every dependency at start-up (so misuse throws from createApp), then makes the instances,
// synchronously where it can and through promises where an async factory is involved.

import { isPromiseLike } from '../async/is-promise';
import { CorbelError } from '../errors/corbel-error';
import type { Constructor } from '../metadata/constructor';
import { readConstructorParameters, readInjectable } from '../metadata/injection-metadata';
import { Reflector } from '../metadata/reflector';
import { type AppEnhancerToken, isAppEnhancerToken } from './app-tokens';
import { deferredInstance, type InstanceSlot } from './deferred-instance';
import type { ModuleGraph, ModuleNode } from './module-graph';
import type { InjectionToken, Provider } from './provider';
import { describeToken, ProviderRecord, toProviderRecord } from './provider-record';
import {
  constructorWithoutMetadataError,
  constructorWithoutTypesError,
  cycleError,
  listNames,
  uninjectableReason,
  unknownProviderError,
  unresolvableTypeError,
} from './resolution-errors';

/**
 * How an override makes its value: a provider's `use…` part, without `provide`.
 * @example { useValue: { findAll: () => ['test'] } }
 */
export type OverrideRecipe =
  | { readonly useValue: unknown }
  | { readonly useClass: Constructor }
  | { readonly useFactory: (...dependencies: never[]) => unknown; readonly inject?: readonly InjectionToken[] };

/**
 * Replacements a testing module asks for. `providers` replace a token wherever a module provides it (and a class
 * wherever it is made); `enhancers` replace a guard, interceptor, filter or pipe class wherever it is made.
 */
export interface ContainerOverrides {
  readonly providers?: ReadonlyMap<InjectionToken, OverrideRecipe>;
  readonly enhancers?: ReadonlyMap<InjectionToken, OverrideRecipe>;
}

/** A value still being awaited (an async factory, or something depending on one). */
class Pending {
  constructor(readonly promise: Promise<unknown>) {}
}

/**
 * Resolves providers by constructor type or `@Inject` token within a module's visibility: its own providers and
 * what its imports export. Singletons are made once; transient providers once per injection.
 */
export class Container {
  readonly #modules: readonly ModuleNode[];
  readonly #plugins: ModuleNode | undefined;
  readonly #own = new Map<ModuleNode, Map<InjectionToken, ProviderRecord>>();
  readonly #adHoc = new Map<ModuleNode, Map<Constructor, ProviderRecord>>();
  readonly #planning: ProviderRecord[] = [];
  readonly #singletons = new Map<ProviderRecord, unknown>();
  readonly #pendingSingletons = new Map<ProviderRecord, Pending>();
  readonly #pending: Promise<unknown>[] = [];
  readonly #created = new Set<object>();
  /** Providers every module sees without declaring them (NestJS's Reflector). */
  readonly #builtIn: ReadonlyMap<InjectionToken, ProviderRecord>;
  /** APP_GUARD, APP_INTERCEPTOR, APP_FILTER, APP_PIPE providers: many per token, in module order. */
  readonly #enhancers: ProviderRecord[] = [];
  readonly #overrides: ContainerOverrides;
  readonly #overridden = new Set<InjectionToken>();
  readonly #root: ModuleNode;

  /**
   * `overrides` replace providers and enhancers (a testing module's); `plugins` holds the providers plugins
   * contribute: seen from every module, after its own and its imports'.
   */
  constructor(graph: ModuleGraph, overrides: ContainerOverrides = {}, plugins?: ModuleNode) {
    // The plugins' module comes first, so its singletons exist before anything that may inject them.
    this.#modules = plugins ? [plugins, ...graph.modules] : graph.modules;
    this.#plugins = plugins;
    this.#root = graph.root;
    this.#overrides = overrides;
    this.#builtIn = new Map([
      [Reflector, new ProviderRecord(Reflector, graph.root, { kind: 'value', value: new Reflector() }, 'singleton')],
    ]);
    for (const module of this.#modules) {
      const records = new Map<InjectionToken, ProviderRecord>();
      // A later entry for the same token replaces an earlier one, as in NestJS.
      for (const provider of module.providers) {
        const record = this.#overriddenRecord(toProviderRecord(provider, module));
        if (isAppEnhancerToken(record.token)) this.#enhancers.push(record);
        else records.set(record.token, record);
      }
      this.#own.set(module, records);
    }
    for (const token of overrides.providers?.keys() ?? []) {
      if (this.#overridden.has(token)) continue;
      throw new CorbelError(
        'CORBEL_ERR_UNUSED_OVERRIDE',
        `overrideProvider(${describeToken(token)}): no module of this module graph provides ${describeToken(token)}, ` +
          'so there is nothing to replace; override a token a module lists in its providers',
      );
    }
    for (const module of this.#modules) {
      for (const token of module.exportedTokens) {
        if (!this.#find(module, token)) {
          throw new CorbelError(
            'CORBEL_ERR_INVALID_MODULE',
            `${module.name} exports ${describeToken(token)}, which it neither provides nor imports from a module ` +
              `that exports it (providers: ${listNames(this.#own.get(module)?.keys() ?? [])})`,
          );
        }
      }
    }
  }

  /**
   * Plans every controller and provider of every module (all resolution errors are thrown here, before any
   * constructor runs), then creates the singletons module by module, imports first, and each module class after
   * its providers. Controllers are planned first so an error's resolution path starts where a reader would.
   */
  createProviders(): void {
    const singletons: ProviderRecord[] = [];
    for (const module of this.#modules) {
      for (const controller of module.controllers) {
        if (typeof controller === 'function')
          this.#plan(this.#find(module, controller) ?? this.#adHocRecord(module, controller));
      }
      for (const record of this.#own.get(module)?.values() ?? []) {
        this.#plan(record);
        if (record.scope === 'singleton') singletons.push(record);
      }
      for (const record of this.#enhancers) {
        if (record.module !== module) continue;
        this.#plan(record);
        singletons.push(record);
      }
      if (module.type) {
        const record = this.#adHocRecord(module, module.type);
        this.#plan(record);
        singletons.push(record);
      }
    }
    for (const record of singletons) this.#produce(record);
  }

  /**
   * The instance of a framework-managed class (controller, guard, filter, gateway…) in `module`: its provider
   * when the module can see one for that class, else one instance per module made with injection. While async
   * factories are awaited, a forwarding stand-in is returned.
   */
  instantiate<T extends object>(type: Constructor<T>, module: ModuleNode): T {
    const record = this.#find(module, type) ?? this.#adHocRecord(module, type);
    this.#plan(record);
    const produced = this.#produce(record);
    if (!(produced instanceof Pending)) return produced as T;
    const slot: InstanceSlot<T> = { value: undefined };
    produced.promise.then(
      (value) => {
        slot.value = value as T;
      },
      () => {},
    );
    return deferredInstance(type, slot);
  }

  /**
   * The values of the providers under an enhancer token, in module order. A class whose dependencies are still
   * awaited is a forwarding stand-in; a value that only an async factory gives cannot be, and is refused.
   */
  enhancers(token: AppEnhancerToken): object[] {
    return this.#enhancers
      .filter((record) => record.token === token)
      .map((record) => {
        const produced = this.#produce(record);
        if (!(produced instanceof Pending)) return produced as object;
        const { recipe } = record;
        if (recipe.kind !== 'class') {
          throw new CorbelError(
            'CORBEL_ERR_INVALID_PROVIDER',
            `${describeToken(token)} in the providers of ${record.module.name} comes from an async factory: an ` +
              'app-level enhancer is needed at createApp; use useClass (its dependencies may be async) or useValue',
          );
        }
        const slot: InstanceSlot<object> = { value: undefined };
        produced.promise.then(
          (value) => {
            slot.value = value as object;
          },
          () => {},
        );
        return deferredInstance(recipe.type, slot);
      });
  }

  /** The module that declares a provider for `token`, if any does. */
  moduleProviding(token: InjectionToken): ModuleNode | undefined {
    return this.#modules.find((module) => this.#own.get(module)?.has(token));
  }

  /** Settles once every async factory (and everything depending on one) has; undefined when there are none. */
  ready(): Promise<void> | undefined {
    if (this.#pending.length === 0) return undefined;
    return Promise.all(this.#pending).then(() => undefined);
  }

  /** Every instance the container made (not `useValue` values), each after its dependencies. */
  instances(): readonly object[] {
    return [...this.#created];
  }

  #adHocRecord(module: ModuleNode, type: Constructor): ProviderRecord {
    let records = this.#adHoc.get(module);
    if (!records) {
      records = new Map();
      this.#adHoc.set(module, records);
    }
    let record = records.get(type);
    if (!record) {
      const scope = readInjectable(type)?.scope ?? 'singleton';
      record = this.#overriddenRecord(new ProviderRecord(type, module, { kind: 'class', type }, scope));
      records.set(type, record);
    }
    return record;
  }

  /** The record an override replaces `record` with (same token, same module), or `record` itself. */
  #overriddenRecord(record: ProviderRecord): ProviderRecord {
    const { providers, enhancers } = this.#overrides;
    const made = record.recipe.kind === 'class' ? record.recipe.type : undefined;
    const key = [record.token, made].find(
      (candidate) => candidate !== undefined && (providers?.has(candidate) || enhancers?.has(candidate)),
    );
    if (key === undefined) return record;
    this.#overridden.add(key);
    const recipe = (providers?.get(key) ?? enhancers?.get(key)) as OverrideRecipe;
    return toProviderRecord({ provide: record.token, ...recipe } as Provider, record.module);
  }

  /** The enhancer overrides nothing was made with: a guard, interceptor, filter or pipe no route or gateway uses. */
  unusedEnhancerOverrides(): InjectionToken[] {
    return [...(this.#overrides.enhancers?.keys() ?? [])].filter((token) => !this.#overridden.has(token));
  }

  /**
   * The value for `token` as a testing module's `get` gives it: from the root module's providers, and unless
   * `strict`, from any module's (its controllers included). Undefined when nothing provides it.
   */
  lookup(token: InjectionToken, strict: boolean): { value: unknown } | { pending: Promise<unknown> } | undefined {
    const modules = strict ? [this.#root] : [this.#root, ...this.#modules.filter((module) => module !== this.#root)];
    let record: ProviderRecord | undefined;
    for (const module of modules) {
      record = this.#own.get(module)?.get(token);
      if (record) break;
      if (typeof token === 'function' && module.controllers.includes(token as Constructor)) {
        record = this.#find(module, token) ?? this.#adHocRecord(module, token as Constructor);
        break;
      }
    }
    record ??= this.#builtIn.get(token);
    if (!record) return undefined;
    this.#plan(record);
    const produced = this.#produce(record);
    return produced instanceof Pending ? { pending: produced.promise } : { value: produced };
  }

  #find(module: ModuleNode, token: InjectionToken, seen = new Set<ModuleNode>()): ProviderRecord | undefined {
    const own = this.#own.get(module)?.get(token);
    if (own) return own;
    for (const imported of module.imports) {
      const found = this.#exported(imported, token, seen);
      if (found) return found;
    }
    return (this.#plugins ? this.#own.get(this.#plugins)?.get(token) : undefined) ?? this.#builtIn.get(token);
  }

  #exported(module: ModuleNode, token: InjectionToken, seen: Set<ModuleNode>): ProviderRecord | undefined {
    if (seen.has(module)) return undefined;
    seen.add(module);
    if (module.exportedTokens.includes(token)) return this.#find(module, token, seen);
    for (const reexported of module.exportedModules) {
      const found = this.#exported(reexported, token, seen);
      if (found) return found;
    }
    return undefined;
  }

  #exportedTokens(module: ModuleNode, seen = new Set<ModuleNode>()): InjectionToken[] {
    if (seen.has(module)) return [];
    seen.add(module);
    return [
      ...module.exportedTokens,
      ...module.exportedModules.flatMap((reexported) => this.#exportedTokens(reexported, seen)),
    ];
  }

  #plan(record: ProviderRecord): void {
    if (record.dependencies) return;
    const at = this.#planning.indexOf(record);
    if (at !== -1) throw cycleError([...this.#planning.slice(at), record], this.#planning.slice(0, at));
    this.#planning.push(record);
    try {
      const dependencies: ProviderRecord[] = [];
      const tokens = this.#dependencyTokens(record);
      for (let index = 0; index < tokens.length; index++) {
        const dependency = this.#find(record.module, tokens[index]);
        if (!dependency) throw this.#unknownProvider(record, index, tokens[index]);
        this.#plan(dependency);
        dependencies.push(dependency);
      }
      record.dependencies = dependencies;
    } finally {
      this.#planning.pop();
    }
  }

  #dependencyTokens(record: ProviderRecord): readonly InjectionToken[] {
    const { recipe } = record;
    if (recipe.kind === 'value') return [];
    if (recipe.kind === 'factory') return recipe.inject;
    const { types, tokens, decorated } = readConstructorParameters(recipe.type);
    const count = types?.length ?? Math.max(recipe.type.length, ...[...tokens.keys()].map((index) => index + 1));
    const result: InjectionToken[] = [];
    for (let index = 0; index < count; index++) {
      const token = tokens.get(index);
      if (token !== undefined) {
        result.push(token);
        continue;
      }
      if (types === undefined) {
        throw decorated
          ? constructorWithoutMetadataError(record, count, this.#planning)
          : constructorWithoutTypesError(record, count, this.#planning);
      }
      const type = types[index];
      if (typeof type !== 'function' || uninjectableReason(type) !== undefined) {
        throw unresolvableTypeError(record, index, type, this.#planning);
      }
      result.push(type as Constructor);
    }
    return result;
  }

  #unknownProvider(record: ProviderRecord, index: number, token: InjectionToken): CorbelError {
    const { module } = record;
    const exported = module.imports.flatMap((imported) => this.#exportedTokens(imported));
    return unknownProviderError(record, index, token, {
      own: this.#own.get(module)?.keys() ?? [],
      exported,
      path: this.#planning,
    });
  }

  #produce(record: ProviderRecord): unknown {
    if (record.scope === 'singleton') {
      if (this.#singletons.has(record)) return this.#singletons.get(record);
      const pending = this.#pendingSingletons.get(record);
      if (pending) return pending;
    }
    const args = (record.dependencies ?? []).map((dependency) => this.#produce(dependency));
    if (args.some((arg) => arg instanceof Pending)) {
      const settled = Promise.all(args.map((arg) => (arg instanceof Pending ? arg.promise : arg)));
      return this.#track(
        record,
        settled.then((values) => this.#build(record, values)),
      );
    }
    const value = this.#build(record, args);
    if (isPromiseLike(value)) return this.#track(record, Promise.resolve(value));
    return this.#settle(record, value);
  }

  #build(record: ProviderRecord, args: unknown[]): unknown {
    const { recipe } = record;
    if (recipe.kind === 'value') return recipe.value;
    if (recipe.kind === 'factory') return recipe.factory(...args);
    return new recipe.type(...(args as never[]));
  }

  #track(record: ProviderRecord, value: Promise<unknown>): Pending {
    const pending = new Pending(value.then((settled) => this.#settle(record, settled)));
    if (record.scope === 'singleton') this.#pendingSingletons.set(record, pending);
    this.#pending.push(pending.promise);
    return pending;
  }

  #settle(record: ProviderRecord, value: unknown): unknown {
    if (record.scope === 'singleton') {
      this.#singletons.set(record, value);
      this.#pendingSingletons.delete(record);
    }
    if (record.recipe.kind !== 'value' && typeof value === 'object' && value !== null) this.#created.add(value);
    return value;
  }
}
