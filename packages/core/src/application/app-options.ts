// The options of createApp, in one place.

import type { Logger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { FilterReference } from '../metadata/filter-metadata';
import type { CorbelPlugin } from '../plugins/plugin';
import type { ValidationSettings } from '../validation/validation-options';

export interface AppOptions {
  /** Classes decorated with @Controller. */
  readonly controllers?: readonly Constructor[];
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
}
