// Read-only descriptions of an app's gateways, for plugins that document them (as @corbel/openapi does).
import type {
  AppDescription,
  Constructor,
  CorbelPlugin,
  FilterTable,
  ReturnsDefinition,
  ThrowsDefinition,
} from '@corbel/core';
import { readReturns, readThrows } from '@corbel/core';
import { type EmitsDefinition, readEmits } from '../metadata/emits-metadata';
import {
  type MessageParameterSource,
  readMessageParameters,
  readParameterTypes,
} from '../metadata/message-parameter-metadata';
import type { CompiledGateway } from './compile-gateway';

/** One @MessageBody or @ConnectedSocket argument of a handler. */
export interface MessageParameterDescription {
  readonly index: number;
  /** `body` is the frame's `data` (or one of its fields); `socket` the connection. */
  readonly source: MessageParameterSource;
  /** The field of `data` read; undefined for the whole of it. */
  readonly field: string | undefined;
  /** The `type` option if given, else TypeScript's declared type (a DTO class is validated). */
  readonly type: unknown;
}

/** A gateway method with what it declares: its @Throws and the filter table that answers its errors. */
export interface GatewayMethodDescription {
  readonly method: string;
  readonly throws: readonly ThrowsDefinition[];
  readonly filters: FilterTable;
}

/** A @SubscribeMessage handler. */
export interface MessageHandlerDescription extends GatewayMethodDescription {
  readonly event: string;
  /** Empty when the handler has no parameter decorators (it then gets `(socket, data)`). */
  readonly parameters: readonly MessageParameterDescription[];
  /** The reply's type, from @Returns on the handler. */
  readonly returns: readonly ReturnsDefinition[];
  /** True when the handler's own guards run per message: a refusal closes with 1008 (through the filters). */
  readonly hasGuards: boolean;
}

/**
 * A gateway as its plugin serves it.
 * @example const [rooms] = describeGateways(app); rooms.handlers.map((handler) => handler.event); // ['say']
 */
export interface GatewayDescription {
  readonly gateway: Constructor;
  /** The normalised path, in the router's syntax (`/rooms/:room`). */
  readonly path: string;
  /** The class-level table, which answers frame errors that belong to no handler (bad JSON, unknown event). */
  readonly filters: FilterTable;
  /** `handleConnection`, or the receive loop: its guards run before the upgrade completes (a refusal is a 403). */
  readonly handshake: GatewayMethodDescription & { readonly hasGuards: boolean };
  /** The @OnConnection method, when the gateway has a receive loop instead of handlers. */
  readonly receiveLoop: GatewayMethodDescription | undefined;
  readonly handlers: readonly MessageHandlerDescription[];
  /** What the gateway sends unprompted, from @Emits. */
  readonly emits: readonly EmitsDefinition[];
}

function describeMethod(gateway: CompiledGateway, method: string, filters: FilterTable): GatewayMethodDescription {
  return { method, throws: Object.freeze([...readThrows(gateway.type.prototype, method)]), filters };
}

/** The description of one compiled gateway, read from its metadata. */
export function describeGateway(gateway: CompiledGateway): GatewayDescription {
  const prototype = gateway.type.prototype as object;
  const handlers = [...gateway.events.values()].map((handler): MessageHandlerDescription => {
    const method = handler.reference.method;
    const declaredTypes = readParameterTypes(prototype, method);
    const parameters = readMessageParameters(prototype, method).map((parameter) =>
      Object.freeze({
        index: parameter.index,
        source: parameter.source,
        field: parameter.field,
        type: parameter.type ?? declaredTypes?.[parameter.index],
      }),
    );
    return Object.freeze({
      ...describeMethod(gateway, method, handler.filters),
      event: handler.event,
      parameters: Object.freeze(parameters),
      returns: Object.freeze([...readReturns(prototype, method)]),
      hasGuards: handler.stages?.hasGuards ?? false,
    });
  });
  const { handshake, onConnection } = gateway;
  return Object.freeze({
    gateway: gateway.type,
    path: gateway.path,
    filters: gateway.filters,
    handshake: Object.freeze({
      ...describeMethod(gateway, handshake.reference.method, handshake.filters),
      hasGuards: handshake.guards?.hasGuards ?? false,
    }),
    receiveLoop: onConnection && describeMethod(gateway, onConnection.reference.method, onConnection.filters),
    handlers: Object.freeze(handlers),
    emits: Object.freeze([...readEmits(gateway.type)]),
  });
}

// Each webSockets() plugin publishes its gateways here, keyed by the plugin object an app lists.
const published = new WeakMap<CorbelPlugin, () => readonly GatewayDescription[]>();

/** Called by the plugin at setup; the descriptions are read on first use. */
export function publishGateways(plugin: CorbelPlugin, gateways: readonly CompiledGateway[]): void {
  let described: readonly GatewayDescription[] | undefined;
  published.set(plugin, () => {
    described ??= Object.freeze(gateways.map(describeGateway));
    return described;
  });
}

/**
 * The gateways an app serves through its `webSockets()` plugins, read-only: path, handlers with their parameters,
 * @Returns, @Throws and filter tables, the receive loop, the handshake, and @Emits. Pass the app (or a plugin's
 * context, from `onReady`).
 * @example
 * const events = describeGateways(app).map(({ path, handlers }) => [path, handlers.map((h) => h.event)]);
 */
export function describeGateways(app: { describe(): AppDescription }): readonly GatewayDescription[] {
  return app.describe().plugins.flatMap((plugin) => published.get(plugin)?.() ?? []);
}
