// The application object: a request listener plus listen/close/inject/explainError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, Response as InjectResponse } from 'light-my-request';
import { HTTPNotFound } from '../exceptions/http-exception';
import { RequestValidationError } from '../exceptions/request-validation-error';
import type { FilterKey, FilterScope, FilterTable } from '../filters/filter-table';
import type { Router } from '../http/router';
import type { Lifecycle } from '../injection/lifecycle-hooks';
import type { Logger } from '../logging/logger';
import type { AppDescription } from '../plugins/plugin';
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
  readonly checkContinue: (request: IncomingMessage, response: ServerResponse) => void;
  readonly router: Router<CompiledRoute>;
  readonly globalFilters: FilterTable;
  readonly logger: Logger;
  readonly listenHooks: ((server: Server) => void)[];
  readonly closeHooks: (() => Promise<void>)[];
  readonly shutdownTimeoutMs: number;
  /** Runs the providers' lifecycle hooks (after awaiting async factories). */
  readonly lifecycle: Lifecycle;
  /** The read-only description of the compiled routes, validation options and plugins. */
  readonly describe: () => AppDescription;
}

const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

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
  /**
   * Node's `checkContinue` listener, which `listen()` attaches: a request with `Expect: 100-continue` gets
   * `100 Continue` only when its body is read, and otherwise its final answer (413, 415, …) before sending the body.
   * Attach it to your own server too; without it node sends `100 Continue` to every such request.
   * @example const server = http.createServer(app.handler).on('checkContinue', app.checkContinue);
   */
  readonly checkContinue: (request: IncomingMessage, response: ServerResponse) => void;
  #server: Server | undefined;
  #closing: Promise<void> | undefined;
  #listening = false;
  #signalListeners: [NodeJS.Signals, () => void][] = [];
  readonly #internals: AppInternals;

  constructor(internals: AppInternals) {
    this.#internals = internals;
    this.handler = internals.handler;
    this.checkContinue = internals.checkContinue;
  }

  /** The `http.Server`, once `listen()` has been called. */
  get server(): Server | undefined {
    return this.#server;
  }

  /**
   * Runs `init()` (async providers, then onModuleInit and onApplicationBootstrap), then starts an HTTP server;
   * port 0 picks a free one.
   * @example const { port, url } = await app.listen(0);
   */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    if (this.#listening) throw new Error('This app is already listening; create another app to serve twice');
    this.#listening = true;
    await this.init();
    if (this.#closing) throw new Error('This app was closed while it was starting; create another app to serve');
    const server = createServer(this.handler);
    server.on('checkContinue', this.checkContinue);
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
   * shutdown (WebSockets close with 1001), then every `onApplicationShutdown(signal)` hook (dependents first), then
   * resolves. Calling it again returns the same promise.
   */
  close(signal?: string): Promise<void> {
    this.#closing ??= this.#shutdown(signal);
    return this.#closing;
  }

  /**
   * Awaits async providers, then runs every `onModuleInit` and `onApplicationBootstrap` hook, once. `listen()`
   * and `inject()` call it; call it yourself before serving `app.handler` from your own server.
   * @example const app = createApp(AppModule); await app.init(); http.createServer(app.handler).listen(3000);
   */
  init(): Promise<void> {
    return this.#internals.lifecycle.init();
  }

  /**
   * Makes SIGTERM and SIGINT call `close(signal)` (so `onApplicationShutdown(signal)` runs), then re-raise the
   * signal so the process ends as it would have.
   * @example createApp(AppModule).enableShutdownHooks().listen(3000);
   */
  enableShutdownHooks(signals: readonly NodeJS.Signals[] = SHUTDOWN_SIGNALS): this {
    if (this.#signalListeners.length > 0) return this;
    for (const signal of signals) {
      const listener = () => {
        this.#removeSignalListeners();
        void this.close(signal).finally(() => process.kill(process.pid, signal));
      };
      process.once(signal, listener);
      this.#signalListeners.push([signal, listener]);
    }
    return this;
  }

  #removeSignalListeners(): void {
    for (const [signal, listener] of this.#signalListeners) process.off(signal, listener);
    this.#signalListeners = [];
  }

  async #shutdown(signal: string | undefined): Promise<void> {
    const server = this.#server;
    const hooks = this.#internals.closeHooks.map((hook) => hook());
    if (server) {
      // A request still arriving on a kept-alive connection is answered, and then that connection ends. Added only
      // now, so serving never pays for a second 'request' listener.
      server.prependListener('request', (_request, response) => response.setHeader('connection', 'close'));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A connection busy when close() began would stay open for keep-alive after its answer: end it once idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      sweep.unref();
      const timer = setTimeout(() => server.closeAllConnections(), this.#internals.shutdownTimeoutMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
      clearInterval(sweep);
    }
    await Promise.allSettled(hooks);
    await this.#internals.lifecycle.shutdown(signal);
    // A closed app must not keep handling the process's signals.
    this.#removeSignalListeners();
  }

  /**
   * The routes the app serves, as declared, with the app's prefix and URI versions in their paths.
   * @example for (const { method, path, handler } of app.routes()) logger.info({ method, path, handler }, 'route');
   */
  routes(): { method: string; path: string; handler: string; version?: string }[] {
    // `version` only for header-versioned routes (URI versions are in the path), so other listings keep their shape.
    return this.#internals.router
      .list()
      .map(({ method, path, owner, version }) =>
        version === undefined ? { method, path, handler: owner } : { method, path, handler: owner, version },
      );
  }

  /**
   * What the app serves, read-only: each controller route's final method and path, controller and handler, success
   * status, bound parameters, body reading, guards, `@Returns`/`@Throws` and filter table; the validation options;
   * the plugins. Built on first call, then the same object. Documentation (`@corbel/openapi`) is built from it.
   * @example
   * const [route] = app.describe().routes;
   * route.filters.resolve(new HTTPNotFound()).name; // the filter that answers a 404 on this route
   */
  describe(): AppDescription {
    return this.#internals.describe();
  }

  /**
   * Sends a request through the app in-process, without a socket (light-my-request), for tests.
   * @example const response = await app.inject({ method: 'GET', url: '/users/7' }); response.json();
   */
  async inject(options: InjectOptions | string): Promise<InjectResponse> {
    await this.init();
    // Loaded on first use: only tests inject, and a server should not pay for it at start-up.
    const { default: injectRequest } = await import('light-my-request');
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
