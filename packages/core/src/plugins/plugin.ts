// The seam through which optional features (WebSockets) join an app without core depending on them.
import type { Server } from 'node:http';
import type { ErrorDispatcher } from '../filters/error-dispatcher';
import type { FilterRegistry } from '../filters/filter-registry';
import type { Logger } from '../logging/logger';
import type { Constructor } from '../metadata/constructor';
import type { HandlerStageOptions, HandlerStages } from '../pipeline/handler-stages';
import type { JsonSerializer } from '../serialization/json-serializer';
import type { DtoValidator } from '../validation/dto-validator';

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
}

/**
 * A feature added to an app through `createApp({ plugins: [...] })`.
 * @example
 * const metrics: CorbelPlugin = { name: 'metrics', setup(context) { context.onListen((server) => watch(server)); } };
 */
export interface CorbelPlugin {
  readonly name: string;
  setup(context: PluginContext): void;
}
