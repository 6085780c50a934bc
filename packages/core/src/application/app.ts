// The application object: a request listener plus listen/close/inject/explainError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import injectRequest, { type InjectOptions, type Response as InjectResponse } from 'light-my-request';
import { HTTPNotFound } from '../exceptions/http-exception';
import { RequestValidationError } from '../exceptions/request-validation-error';
import type { FilterKey, FilterScope, FilterTable } from '../filters/filter-table';
import type { Router } from '../http/router';
import type { Logger } from '../logging/logger';
import type { CompiledRoute } from './compiled-route';

/** Why a filter would answer an error: see `app.explainError`. */
export interface ErrorExplanation {
  /** The filter class's name (built-in ones are named too, e.g. `HttpExceptionFilter`). */
  readonly filter: string;
  readonly scope: FilterScope;
  /** The key that matched: a status, an error class's name, or `'*'`. */
  readonly key: number | string;
}

export interface AppInternals {
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
  readonly router: Router<CompiledRoute>;
  readonly globalFilters: FilterTable;
  readonly logger: Logger;
  readonly listenHooks: ((server: Server) => void)[];
  readonly closeHooks: (() => Promise<void>)[];
  readonly shutdownTimeoutMs: number;
}

/**
 * A Corbel application, made by `createApp`.
 * @example
 * const app = createApp({ controllers: [UsersController] });
 * const { url } = await app.listen(3000);
 * await app.close();
 */
export class App {
  /** A plain node request listener: `http.createServer(app.handler)`. */
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
  #server: Server | undefined;
  #closing: Promise<void> | undefined;
  readonly #internals: AppInternals;

  constructor(internals: AppInternals) {
    this.#internals = internals;
    this.handler = internals.handler;
  }

  /** The `http.Server`, once `listen()` has been called. */
  get server(): Server | undefined {
    return this.#server;
  }

  /**
   * Starts an HTTP server; port 0 picks a free one.
   * @example const { port, url } = await app.listen(0);
   */
  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    if (this.#server)
      return Promise.reject(new Error('This app is already listening; create another app to serve twice'));
    const server = createServer(this.handler);
    this.#server = server;
    for (const hook of this.#internals.listenHooks) hook(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve({ port: address.port, url: `http://${shownHost}:${address.port}` });
      });
    });
  }

  /**
   * Stops accepting connections, lets requests in flight finish (up to `shutdownTimeoutMs`), runs plugin
   * shutdown (WebSockets close with 1001), then resolves. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    const server = this.#server;
    const hooks = this.#internals.closeHooks.map((hook) => hook());
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), this.#internals.shutdownTimeoutMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    }
    await Promise.allSettled(hooks);
  }

  /**
   * The routes the app serves, as declared.
   * @example for (const { method, path, handler } of app.routes()) console.log(method, path, '→', handler);
   */
  routes(): { method: string; path: string; handler: string }[] {
    return this.#internals.router.list().map(({ method, path, owner }) => ({ method, path, handler: owner }));
  }

  /**
   * Sends a request through the app in-process, without a socket (light-my-request), for tests.
   * @example const response = await app.inject({ method: 'GET', url: '/users/7' }); response.json();
   */
  inject(options: InjectOptions | string): Promise<InjectResponse> {
    return injectRequest(this.handler, options);
  }

  /**
   * Says which filter would answer `error` on the route matching `method` and `path`, and why.
   * @example app.explainError(new HTTPNotFound(), { method: 'GET', path: '/users/7' })
   * // { filter: 'NotFoundFilter', scope: 'global', key: 404 }
   */
  explainError(error: unknown, where: { method: string; path: string }): ErrorExplanation {
    const match = this.#internals.router.match(where.method.toUpperCase(), where.path);
    const table = match ? match.value.filters : this.#internals.globalFilters;
    let entry = table.resolve(error);
    // The default answers a path validation failure as a 404, through the same table: explain that lookup.
    if (entry.scope === 'default' && error instanceof RequestValidationError && error.in === 'path') {
      entry = table.resolve(new HTTPNotFound());
    }
    return { filter: entry.name, scope: entry.scope, key: describeKey(entry.key) };
  }
}

function describeKey(key: FilterKey): number | string {
  if (key === '*' || typeof key === 'number') return key;
  return key.name;
}
