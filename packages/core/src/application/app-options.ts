// The options of createApp, in one place.

import type { CompressionOptions } from '../http/compression';
import type { CookieSettings } from '../http/cookie-signer';
import type { CorsOptions } from '../http/cors';
import type { HelmetOptions } from '../http/security-headers';
import type { VersioningOptions } from '../http/versioning';
import type { ModuleImport, Provider } from '../injection/provider';
import type { Logger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { FilterReference } from '../metadata/filter-metadata';
import type { SerializationOptions } from '../metadata/serialization-metadata';
import type { GuardReference } from '../pipeline/guard';
import type { InterceptorReference } from '../pipeline/interceptor';
import type { MiddlewareReference } from '../pipeline/middleware';
import type { PipeReference } from '../pipes/pipe-transform';
import type { CorbelPlugin } from '../plugins/plugin';
import type { SseSettings } from '../sse/sse-settings';
import type { UploadSettings } from '../uploads/upload-settings';
import type { ValidationSettings } from '../validation/validation-options';

/**
 * The options of `createApp({ ... })`, the flat form: controllers, providers and every app-wide setting.
 * @example createApp({ controllers: [UsersController], providers: [UsersService], bodyLimit: 64 * 1024, logger: false })
 */
export interface AppOptions {
  /** Classes decorated with @Controller. */
  readonly controllers?: readonly Constructor[];
  /** Providers the controllers (and filters, guards, gateways…) may inject. */
  readonly providers?: readonly Provider[];
  /** Modules whose controllers are served too, and whose exported providers the flat form's classes may inject. */
  readonly imports?: readonly ModuleImport[];
  /** Middleware run first for every request, unmatched ones included: functions, classes or instances. */
  readonly middleware?: readonly MiddlewareReference[];
  /** Guards run for every route, before the controller's and the method's. */
  readonly guards?: readonly GuardReference[];
  /** Interceptors wrapped around every route, outside the controller's and the method's. */
  readonly interceptors?: readonly InterceptorReference[];
  /** Pipes run on every path, query, body and custom parameter, before the class's, the method's and its own. */
  readonly pipes?: readonly PipeReference[];
  /** Global exception filters: @Catch classes (instantiated once) or instances. */
  readonly filters?: readonly FilterReference[];
  /** A pino-compatible logger, or `false` for none; the default writes to stderr. */
  readonly logger?: Logger | false;
  /** The largest request body accepted, in bytes (default 1 MiB); larger answers 413. */
  readonly bodyLimit?: number;
  /** class-validator options (and class-transformer's under `transform`) for DTO parameters. */
  readonly validation?: ValidationSettings;
  /** Optional features such as `webSockets({ gateways })` from `@corbel/ws`. */
  readonly plugins?: readonly CorbelPlugin[];
  /** How long `close()` lets in-flight requests finish before cutting connections (default 10 s). */
  readonly shutdownTimeoutMs?: number;
  /** Limits and storage of multipart/form-data bodies (routes with @UploadedFile/@UploadedFiles). */
  readonly uploads?: UploadSettings;
  /** Defaults of @Sse routes (the heartbeat). */
  readonly sse?: SseSettings;
  /** The secrets of signed cookies (`request.setCookie(…, { signed: true })`, `@Cookie(name, { signed: true })`). */
  readonly cookies?: CookieSettings;
  /** CORS for every route and unmatched request (`true`: any origin, no credentials); see `@Cors` per route. */
  readonly cors?: boolean | CorsOptions;
  /** helmet's security headers on every answer, errors included (`true`: helmet's defaults). */
  readonly securityHeaders?: boolean | HelmetOptions;
  /** br, gzip or deflate for compressible answers of 1 KiB or more (`true`: the defaults). */
  readonly compression?: boolean | CompressionOptions;
  /** A path prefix for every route, e.g. `'/api'` (gateways keep their own paths). */
  readonly prefix?: string;
  /** API versions from `@Version`: in the URI (`/v1/users`) or a request header. */
  readonly versioning?: VersioningOptions;
  /**
   * class-transformer's options for answers (under @SerializeOptions); instances with class-transformer metadata
   * are sent through its rules (`@Exclude()` fields never leave). `false` sends every value with JSON.stringify.
   */
  readonly serialization?: SerializationOptions | false;
  /** Also check each @Returns-shaped answer against its DTO's constraints; a failure is a logged 500 (default false). */
  readonly responseValidation?: boolean;
}

/**
 * The settings of `createApp(AppModule, options)`: the flat form's, without what the modules declare.
 * @example createApp(AppModule, { logger: false })
 */
export type ModuleAppOptions = Omit<AppOptions, 'controllers' | 'providers' | 'imports'>;
