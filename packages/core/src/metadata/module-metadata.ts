// What @Module records on a class, and how the application reads it back.
import type { DynamicModule, InjectionToken, ModuleImport, Provider } from '../injection/provider';
import type { Constructor } from './constructor';
import type { FilterReference } from './filter-metadata';
import { MODULE } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/**
 * What @Module declares.
 * @example @Module({ imports: [DatabaseModule], controllers: [UsersController], providers: [UsersService] })
 */
export interface ModuleMetadata {
  /** Modules whose exported providers this module may inject. */
  readonly imports?: readonly ModuleImport[];
  /** @Controller classes, instantiated with this module's providers. */
  readonly controllers?: readonly Constructor[];
  /** Providers this module owns (visible to its own classes). */
  readonly providers?: readonly Provider[];
  /** Tokens (or imported modules) that importers of this module may inject. */
  readonly exports?: readonly (InjectionToken | Constructor | DynamicModule)[];
  /** Exception filters added to the app's global filters, resolved with this module's providers. */
  readonly filters?: readonly FilterReference[];
}

export function defineModule(target: Constructor, metadata: ModuleMetadata): void {
  writeMetadata(MODULE, metadata, target);
}

export function readModule(target: Constructor): ModuleMetadata | undefined {
  return readOwnMetadata<ModuleMetadata>(MODULE, target);
}
