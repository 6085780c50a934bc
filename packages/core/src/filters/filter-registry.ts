// Builds the filter tables of every scope at start-up: defaults, then global, controller and method entries.
import { CorbelError } from '../errors/corbel-error';
import type { AnyClass, Constructor } from '../metadata/constructor';
import { type CatchKey, type FilterReference, readCatchKeys, readUseFilters } from '../metadata/filter-metadata';
import type { ExceptionFilter } from './exception-filter';
import { type FilterEntry, type FilterKey, type FilterScope, FilterTable } from './filter-table';

/** Creates the instance of a filter class; the application decides how (today `new`, with injection later). */
export type FilterFactory = (filterClass: Constructor) => object;

function describeKey(key: FilterKey): string {
  if (key === '*') return "'*' (@Catch() with no key)";
  return typeof key === 'number' ? `status ${key}` : key.name;
}

function isFilter(value: object): value is ExceptionFilter {
  return typeof (value as { catch?: unknown }).catch === 'function';
}

/**
 * Owns every filter table of an application. Routes with no filters of their own share the global table (and
 * so its per-class cache); other combinations are built once and reused.
 */
export class FilterRegistry {
  readonly defaults: FilterTable;
  readonly global: FilterTable;
  readonly #create: FilterFactory;
  readonly #instances = new Map<Constructor, object>();
  readonly #tables = new Map<string, FilterTable>();
  readonly #referenceIds = new Map<FilterReference, number>();

  constructor(defaults: readonly FilterEntry[], globalFilters: readonly FilterReference[], create: FilterFactory) {
    this.#create = create;
    this.defaults = new FilterTable(defaults);
    this.global = this.#extend(this.defaults, globalFilters, 'global', 'global filters');
  }

  /**
   * The table for a class (a controller or gateway) and optionally one of its methods.
   * @example registry.tableFor(UsersController, 'findOne').resolve(error)
   */
  tableFor(target: Constructor, methodName?: string): FilterTable {
    const classFilters = readUseFilters(target);
    const methodFilters = methodName === undefined ? [] : readUseFilters(target.prototype, methodName);
    if (classFilters.length === 0 && methodFilters.length === 0) return this.global;
    const cacheKey = `${this.#idsOf(classFilters)}|${this.#idsOf(methodFilters)}`;
    let table = this.#tables.get(cacheKey);
    if (!table) {
      const withClass = this.#extend(this.global, classFilters, 'controller', target.name);
      table = this.#extend(withClass, methodFilters, 'method', `${target.name}.${methodName}`);
      this.#tables.set(cacheKey, table);
    }
    return table;
  }

  #idsOf(references: readonly FilterReference[]): string {
    return references
      .map((reference) => {
        let id = this.#referenceIds.get(reference);
        if (id === undefined) {
          id = this.#referenceIds.size;
          this.#referenceIds.set(reference, id);
        }
        return id;
      })
      .join(',');
  }

  #extend(base: FilterTable, references: readonly FilterReference[], scope: FilterScope, where: string): FilterTable {
    if (references.length === 0) return base;
    const claimed = new Map<FilterKey, FilterEntry>();
    for (const reference of references) {
      for (const entry of this.#entriesOf(reference, scope, where)) {
        const previous = claimed.get(entry.key);
        if (previous) {
          throw new CorbelError(
            'CORBEL_ERR_DUPLICATE_FILTER',
            `${previous.name} and ${entry.name} both claim ${describeKey(entry.key)} in ${where}: keep one of them`,
          );
        }
        claimed.set(entry.key, entry);
      }
    }
    return new FilterTable([...base.entries(), ...claimed.values()]);
  }

  #entriesOf(reference: FilterReference, scope: FilterScope, where: string): FilterEntry[] {
    const filterClass = (typeof reference === 'function' ? reference : reference.constructor) as Constructor;
    const keys = readCatchKeys(filterClass as AnyClass);
    const name = filterClass.name || 'anonymous filter';
    if (keys === undefined) {
      throw new CorbelError(
        'CORBEL_ERR_NOT_A_FILTER',
        `${name} in ${where} is not a filter: expected a class decorated with @Catch(...), got a class without it`,
      );
    }
    const filter = typeof reference === 'function' ? this.#instanceOf(filterClass) : reference;
    if (!isFilter(filter)) {
      throw new CorbelError(
        'CORBEL_ERR_NOT_A_FILTER',
        `${name} in ${where} has @Catch but no catch(error, host) method`,
      );
    }
    const filterKeys: FilterKey[] = keys.length === 0 ? ['*'] : keys.map((key: CatchKey) => key);
    return filterKeys.map((key) => ({ filter, name, scope, key }));
  }

  #instanceOf(filterClass: Constructor): object {
    let instance = this.#instances.get(filterClass);
    if (!instance) {
      instance = this.#create(filterClass);
      this.#instances.set(filterClass, instance);
    }
    return instance;
  }
}
