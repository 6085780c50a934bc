// One scope's effective filters and the lookup: status first, then the nearest class in the chain, then '*'.
import { HTTPException } from '../exceptions/http-exception';
import type { AnyClass } from '../metadata/constructor';
import type { ExceptionFilter } from './exception-filter';

/** Where an entry was registered; `default` marks the built-in entries. */
export type FilterScope = 'method' | 'controller' | 'global' | 'default';

/** The key an entry is registered under: a status, an error class, or `'*'` for @Catch() with no key. */
export type FilterKey = number | AnyClass<unknown> | '*';

/**
 * One entry of a filter table: the filter, the key it claims, and the scope it was registered in.
 * @example table.resolve(new HTTPNotFound()) // { name: 'NotFoundFilter', scope: 'controller', key: 404, filter }
 */
export interface FilterEntry {
  readonly filter: ExceptionFilter;
  readonly name: string;
  readonly scope: FilterScope;
  readonly key: FilterKey;
}

/**
 * An immutable lookup table. Tables are built at start-up; the class-chain result is cached per prototype, so a
 * repeated error class costs one Map lookup.
 */
export class FilterTable {
  readonly #byStatus = new Map<number, FilterEntry>();
  readonly #byClass = new Map<unknown, FilterEntry>();
  readonly #catchAll: FilterEntry;
  readonly #byPrototype = new Map<object, FilterEntry>();

  /** Later entries replace earlier ones with the same key: pass them from the widest scope to the narrowest. */
  constructor(entries: Iterable<FilterEntry>) {
    let catchAll: FilterEntry | undefined;
    for (const entry of entries) {
      if (entry.key === '*') catchAll = entry;
      else if (typeof entry.key === 'number') this.#byStatus.set(entry.key, entry);
      else this.#byClass.set(entry.key, entry);
    }
    if (!catchAll) throw new TypeError('A filter table needs a catch-all entry (the built-in default)');
    this.#catchAll = catchAll;
  }

  /** Every entry, for building narrower tables on top of this one. */
  entries(): FilterEntry[] {
    return [...this.#byStatus.values(), ...this.#byClass.values(), this.#catchAll];
  }

  /** The entry that answers `error`. */
  resolve(error: unknown): FilterEntry {
    if (error instanceof HTTPException) {
      const byStatus = this.#byStatus.get(error.statusCode);
      if (byStatus) return byStatus;
    }
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) {
      return this.#resolveChain(error === null || error === undefined ? null : Object(error));
    }
    return this.#resolveChain(error);
  }

  #resolveChain(error: object | null): FilterEntry {
    const prototype = error === null ? null : Object.getPrototypeOf(error);
    if (prototype === null) return this.#catchAll;
    const cached = this.#byPrototype.get(prototype);
    if (cached) return cached;
    const found = this.#walk(prototype);
    this.#byPrototype.set(prototype, found);
    return found;
  }

  #walk(start: object): FilterEntry {
    for (let prototype: object | null = start; prototype; prototype = Object.getPrototypeOf(prototype)) {
      // Read the own data property only: a hostile error may define `constructor` as a throwing getter.
      const owner = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
      const entry = owner === undefined ? undefined : this.#byClass.get(owner);
      if (entry) return entry;
    }
    return this.#catchAll;
  }
}
