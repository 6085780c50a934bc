// The options of createApp, in one place.

import type { ModuleImport, Provider } from '../injection/provider';
import type { Logger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { FilterReference } from '../metadata/filter-metadata';
import type { SerializationOptions } from '../metadata/serialization-metadata';
import type { GuardReference } from '../pipeline/guard';
import type { InterceptorReference } from '../pipeline/interceptor';
import type { MiddlewareReference } from '../pipeline/middleware';
import type { CorbelPlugin } from '../plugins/plugin';
import type { ValidationSettings } from '../validation/validation-options';

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
