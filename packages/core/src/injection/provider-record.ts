// A provider as the container keeps it: how to make its value, in which module, and (once planned) from what.
import { CorbelError } from '../errors/corbel-error';
import type { Constructor } from '../metadata/constructor';
import { readInjectable } from '../metadata/injection-metadata';
import type { ModuleNode } from './module-graph';
import type { InjectionToken, Provider, ProviderScope } from './provider';

/** How a record makes its value. */
export type Recipe =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'class'; readonly type: Constructor }
  | {
      readonly kind: 'factory';
      readonly factory: (...dependencies: unknown[]) => unknown;
      readonly inject: readonly InjectionToken[];
    };

export class ProviderRecord {
  readonly token: InjectionToken;
  /** The module whose providers (and imports' exports) its dependencies are looked up in. */
  readonly module: ModuleNode;
  readonly recipe: Recipe;
  readonly scope: ProviderScope;
  /** Filled by planning: the records its constructor or factory arguments come from, in order. */
  dependencies: ProviderRecord[] | undefined;

  constructor(token: InjectionToken, module: ModuleNode, recipe: Recipe, scope: ProviderScope) {
    this.token = token;
    this.module = module;
    this.recipe = recipe;
    this.scope = scope;
  }

  /** The name errors use: the class for class providers, the token otherwise. */
  get name(): string {
    return describeToken(this.token);
  }
}

/** A token as people write it: `UsersService`, `'CONFIG'`, `Symbol(db)`. */
export function describeToken(token: unknown): string {
  if (typeof token === 'function') return token.name || 'an anonymous class';
  if (typeof token === 'string') return `'${token}'`;
  if (typeof token === 'symbol') return token.toString();
  return String(token);
}

function isToken(value: unknown): value is InjectionToken {
  return typeof value === 'function' || typeof value === 'string' || typeof value === 'symbol';
}

function scopeOf(type: Constructor, declared: ProviderScope | undefined): ProviderScope {
  return declared ?? readInjectable(type)?.scope ?? 'singleton';
}

/** Turns one entry of `providers` into a record; a malformed entry throws naming the module. */
export function toProviderRecord(provider: Provider, module: ModuleNode): ProviderRecord {
  if (typeof provider === 'function') {
    const type = provider as Constructor;
    return new ProviderRecord(type, module, { kind: 'class', type }, scopeOf(type, undefined));
  }
  const candidate = (typeof provider === 'object' && provider !== null ? provider : {}) as Record<string, unknown>;
  const token = candidate.provide;
  if (isToken(token)) {
    if ('useValue' in candidate)
      return new ProviderRecord(token, module, { kind: 'value', value: candidate.useValue }, 'singleton');
    if (typeof candidate.useClass === 'function') {
      const type = candidate.useClass as Constructor;
      return new ProviderRecord(
        token,
        module,
        { kind: 'class', type },
        scopeOf(type, candidate.scope as ProviderScope),
      );
    }
    const inject = candidate.inject ?? [];
    if (typeof candidate.useFactory === 'function' && Array.isArray(inject) && inject.every(isToken)) {
      const recipe: Recipe = {
        kind: 'factory',
        factory: candidate.useFactory as (...dependencies: unknown[]) => unknown,
        inject,
      };
      return new ProviderRecord(token, module, recipe, (candidate.scope as ProviderScope) ?? 'singleton');
    }
  }
  let shown: string;
  try {
    shown = JSON.stringify(provider) ?? String(provider);
  } catch {
    shown = String(provider);
  }
  throw new CorbelError(
    'CORBEL_ERR_INVALID_PROVIDER',
    `${shown.slice(0, 80)} in the providers of ${module.name} is not a provider: expected a class or ` +
      '{ provide, useValue | useClass | useFactory (with inject: tokens) }',
  );
}
