// The seam through which optional features (WebSockets, OpenAPI) join an app without core depending on them.
import type { IncomingMessage, Server } from 'node:http';
import type { ValidatorOptions } from 'class-validator';
import type { RouteDescription } from '../application/route-description';
import type { ErrorDispatcher } from '../filters/error-dispatcher';
import type { FilterRegistry } from '../filters/filter-registry';
import type { CorsOriginFunction } from '../http/cors';
import type { CorbelRequest } from '../http/request';
import type { ResponseValue } from '../http/response';
import type { Provider } from '../injection/provider';
import type { Logger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { RouteMethod } from '../metadata/route-metadata';
import type { HandlerStageOptions, HandlerStages } from '../pipeline/handler-stages';
import type { JsonSerializer } from '../serialization/json-serializer';
import type { DtoValidator } from '../validation/dto-validator';

/**
 * What an app serves and how, read-only: `app.describe()` and `PluginContext.describe()` return it.
 * @example
 * const served = app.describe().routes.map((route) => `${route.method} ${route.path}`); // ['GET /users/:id', …]
 */
export interface AppDescription {
  /** The controllers' routes in registration order (routes that plugins serve are not listed). */
  readonly routes: readonly RouteDescription[];
  /** The class-validator options DTOs are validated with, defaults applied (`whitelist`, `forbidNonWhitelisted`…). */
  readonly validation: Readonly<ValidatorOptions>;
  /** The plugins given to `createApp`, in order, so a plugin can find what another one publishes about itself. */
  readonly plugins: readonly CorbelPlugin[];
}

/**
 * A route a plugin serves: it gets the request and answers as a controller method does (a `json()`/`text()`/
 * `html()` value is sent as is, an object as JSON, a string as text, `undefined` as 204).
 * @example const health: PluginRouteHandler = () => ({ ok: true });
 */
export type PluginRouteHandler = (request: CorbelRequest) => unknown;

/**
 * Answers a request no route matched (a static file), or resolves to undefined to pass it on: to the next
 * fallback, then to the 404. What it throws goes through the global filters. Recorded headers, CORS, security
 * headers and compression apply to its answer as to any other.
 */
export type UnmatchedHandler = (
  request: CorbelRequest,
) => ResponseValue | undefined | Promise<ResponseValue | undefined>;

/** What a plugin is given at `createApp`: the app's own logger, filters, validation and lifecycle hooks. */
export interface PluginContext {
  readonly logger: Logger;
  /** The app's filter tables: `filters.tableFor(GatewayClass, 'method')` gives the same lookup HTTP uses. */
  readonly filters: FilterRegistry;
  /** Runs the chosen filter with the shared rules (default on `undefined`, failures logged). */
  readonly dispatcher: ErrorDispatcher;
  /** Validates DTOs exactly as HTTP bodies are validated. */
  readonly validator: DtoValidator;
  /** Creates the instance of a framework-managed class (a gateway). */
  instantiate<T extends object>(type: Constructor<T>): T;
  /**
   * The @UseGuards and @UseInterceptors of a class and method (a gateway's), and the app's global ones where a
   * scope lists `'global'`, with injection, composed once; null when there are none. Call it at setup, never per
   * message.
   */
  stagesFor(target: Constructor, method: string, options?: HandlerStageOptions): HandlerStages | null;
  /**
   * Writes a handler's messages as HTTP answers are written: class-transformer's rules for decorated instances, under
   * `createApp({ serialization })` and the class's and method's @SerializeOptions. Call it at setup; @Returns on the
   * method is refused (only HTTP routes and filters answer with declared types).
   */
  serializerFor(target: Constructor, method?: string): JsonSerializer;
  /** Runs when the HTTP server starts listening (to attach an `upgrade` listener). */
  onListen(hook: (server: Server) => void): void;
  /** Runs during `app.close()`, before it resolves (to close open connections). */
  onClose(hook: () => Promise<void>): void;
  /**
   * Serves `handler` at `method` and `path`, taken as given (absolute). Its errors go through the global filters;
   * the global middleware run first (they see every request), guards and interceptors do not (they are the
   * controllers'). A method and path already served is `CORBEL_ERR_DUPLICATE_ROUTE`. Such routes are not in
   * `describe().routes`.
   * @example context.addRoute('GET', '/health', () => ({ ok: true }));
   */
  addRoute(method: RouteMethod, path: string, handler: PluginRouteHandler): void;
  /**
   * The app's compiled routes, validation options and plugins; the same object as `app.describe()`.
   * @example context.onReady(() => { for (const route of context.describe().routes) index(route); });
   */
  describe(): AppDescription;
  /**
   * Runs once every plugin is set up, still inside `createApp`, in the order hooks were added: the place to read
   * the whole app (another plugin's gateways included). What it throws is a start-up error.
   * @example context.onReady(() => { document = build(context.describe()); });
   */
  onReady(hook: () => void): void;
  /**
   * Adds a fallback for requests whose path no route serves, after the global middleware, in plugin order. Routes
   * always win; a path served for other methods stays a 405.
   */
  onUnmatched(handler: UnmatchedHandler): void;
  /**
   * The app's CORS `origin` check (`createApp({ cors })`), or null without app CORS: a WebSocket upgrade uses it to
   * refuse pages from other origins.
   */
  readonly corsOrigin: CorsOriginFunction | null;
  /**
   * A `CorbelRequest` for a request the plugin answers itself (a WebSocket handshake), made as a route's is: the
   * query parsed on first use, and `signedCookies` verified with the app's cookie secrets (`createApp({ cookies })`).
   * @example const request = context.createRequest(upgrade, '/rooms/x', { room: 'x' }); request.signedCookies.sid;
   */
  createRequest(raw: IncomingMessage, path: string, params: Record<string, string>): CorbelRequest;
}

/**
 * A feature added to an app through `createApp({ plugins: [...] })`. Its `providers` are registered before any
 * controller or provider is planned, and are visible from every module (as if each imported them), so the app's
 * classes may inject what the plugin offers; an app without the plugin fails at `createApp` with
 * `CORBEL_ERR_UNKNOWN_PROVIDER` for the same injection. A module's own provider for the same token wins.
 * @example
 * const metrics: CorbelPlugin = {
 *   name: 'metrics',
 *   providers: [{ provide: Metrics, useValue: new Metrics() }],
 *   setup(context) { context.onListen((server) => watch(server)); },
 * };
 */
export interface CorbelPlugin {
  readonly name: string;
  /** Providers the plugin contributes to the whole app (read once, before `setup`). */
  readonly providers?: readonly Provider[];
  setup(context: PluginContext): void;
}
