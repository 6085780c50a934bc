// Runs the filter the lookup chose, with the rules shared by HTTP and WebSocket hosts.

import { isPromiseLike } from '../async/is-promise';
import { WebSocketException } from '../exceptions/websocket-exception';
import type { Logger } from '../logging/logger';
import type { ArgumentsHost } from './exception-filter';
import type { FilterEntry, FilterTable } from './filter-table';
import { HandleAs } from './handle-as';

/** What the filters made of an error; the host turns `value` into a response, a message or a close. */
export interface FilterOutcome {
  /** The error answered (a path validation failure becomes the `HTTPNotFound` it is answered as). */
  readonly error: unknown;
  readonly entry: FilterEntry;
  readonly value: unknown;
  /** The filter threw or rejected: the host answers with its internal-error default, without a second lookup. */
  readonly failed: boolean;
  /** What the failed filter threw: a WebSocket host closes with it when it is a `WebSocketException`. */
  readonly filterError?: unknown;
}

/** A filter's own WebSocketException; `instanceof` is guarded because a thrown Proxy may trap it. */
function isDeliberateClose(filterError: unknown): boolean {
  try {
    return filterError instanceof WebSocketException;
  } catch {
    return false;
  }
}

/**
 * Looks an error up in a route's table and runs the filter. `undefined` from a user filter means "the default
 * answer"; a filter that throws or rejects yields `failed`, and both errors are logged. Synchronous filters are
 * answered synchronously, so the common path allocates no promise.
 */
export class ErrorDispatcher {
  readonly #defaults: FilterTable;
  readonly #logger: Logger;

  constructor(defaults: FilterTable, logger: Logger) {
    this.#defaults = defaults;
    this.#logger = logger;
  }

  dispatch(table: FilterTable, error: unknown, host: ArgumentsHost): FilterOutcome | Promise<FilterOutcome> {
    return this.#run(table, table, error, host, false);
  }

  #run(
    routeTable: FilterTable,
    lookup: FilterTable,
    error: unknown,
    host: ArgumentsHost,
    rerouted: boolean,
  ): FilterOutcome | Promise<FilterOutcome> {
    const entry = lookup.resolve(error);
    let value: unknown;
    try {
      value = entry.filter.catch(error, host);
    } catch (filterError) {
      return this.#failed(entry, error, filterError);
    }
    if (isPromiseLike(value)) {
      return Promise.resolve(value).then(
        (settled) => this.#settle(routeTable, entry, error, host, settled, rerouted),
        (filterError: unknown) => this.#failed(entry, error, filterError),
      );
    }
    return this.#settle(routeTable, entry, error, host, value, rerouted);
  }

  #settle(
    routeTable: FilterTable,
    entry: FilterEntry,
    error: unknown,
    host: ArgumentsHost,
    value: unknown,
    rerouted: boolean,
  ): FilterOutcome | Promise<FilterOutcome> {
    if (value === undefined && entry.scope !== 'default') {
      return this.#run(routeTable, this.#defaults, error, host, rerouted);
    }
    if (value instanceof HandleAs) {
      // Once only: the replacement goes through the route's own table, so its user filters apply.
      const lookup = rerouted ? this.#defaults : routeTable;
      return this.#run(routeTable, lookup, value.error, host, true);
    }
    return { error, entry, value, failed: false };
  }

  #failed(entry: FilterEntry, error: unknown, filterError: unknown): FilterOutcome {
    // Throwing WebSocketException from a filter is the documented way to close a socket, not a failure.
    const level = isDeliberateClose(filterError) ? 'debug' : 'error';
    this.#logger[level]({ err: filterError, originalError: error, filter: entry.name }, 'Exception filter failed');
    return { error, entry, value: undefined, failed: true, filterError };
  }
}
