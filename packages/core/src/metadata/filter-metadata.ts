// What @Catch and @UseFilters record: the keys a filter class answers, and the filters a scope registers.
import type { AnyClass, Constructor } from './constructor';
import { CATCH_KEYS, USE_FILTERS } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** A status code, or an error class matched along the error's prototype chain. */
export type CatchKey = number | AnyClass<unknown>;

/** A filter given by class (instantiated once at start-up) or as a ready instance. */
export type FilterReference = Constructor | object;

/** `@Catch()` with no keys records an empty list: the filter catches anything. */
export function defineCatchKeys(filterClass: Constructor, keys: readonly CatchKey[]): void {
  writeMetadata(CATCH_KEYS, [...keys], filterClass);
}

/** The keys of a filter class, or undefined when the class has no @Catch. */
export function readCatchKeys(filterClass: AnyClass): readonly CatchKey[] | undefined {
  return readOwnMetadata<CatchKey[]>(CATCH_KEYS, filterClass);
}

export function defineUseFilters(
  target: object,
  member: string | undefined,
  filters: readonly FilterReference[],
): void {
  const existing = readOwnMetadata<FilterReference[]>(USE_FILTERS, target, member) ?? [];
  writeMetadata(USE_FILTERS, [...filters, ...existing], target, member);
}

/** Filters on a controller class (`member` undefined) or on one of its methods (the prototype and name). */
export function readUseFilters(target: object, member?: string): readonly FilterReference[] {
  return readOwnMetadata<FilterReference[]>(USE_FILTERS, target, member) ?? [];
}
