// Reads a gateway's metadata once, at createApp, into a plain table the connections are served from.
import {
  type Constructor,
  CorbelError,
  type FilterTable,
  type HandlerStages,
  type JsonSerializer,
  type PluginContext,
  type RouteReference,
} from '@corbel/core';
import { type GatewayDefinition, readGateway, readOnConnection, readSubscriptions } from '../metadata/gateway-metadata';
import { checkDeclarations } from './check-declarations';
import { handshakeStages, loopStages, messageStages } from './gateway-stages';
import { compileMessageBinder, type MessageBinder } from './message-binder';

/** Where the errors of one part of a gateway go: the filter table of its scope and the reference filters see. */
export interface CompiledScope {
  readonly reference: RouteReference;
  readonly filters: FilterTable;
}

/** A gateway method with the filter table of its scope. */
export interface CompiledMethod extends CompiledScope {
  readonly invoke: (...args: unknown[]) => unknown;
}

/** A method run with guards or interceptors; `stages` is null when none apply, and the method is called directly. */
export interface StagedMethod extends CompiledMethod {
  readonly stages: HandlerStages | null;
}

export interface CompiledHandler extends StagedMethod {
  readonly event: string;
  readonly bind: MessageBinder;
  /** Writes the handler's replies: class-transformer's rules under its @SerializeOptions. */
  readonly serialize: JsonSerializer;
}

/** The guards run before the handshake completes; their errors go through `filters`. */
export interface CompiledHandshake extends CompiledScope {
  readonly guards: HandlerStages | null;
}

export interface CompiledGateway {
  readonly type: Constructor;
  readonly path: string;
  /** The class-level table, for frame errors that belong to no handler (bad JSON, unknown event). */
  readonly filters: FilterTable;
  readonly handshake: CompiledHandshake;
  readonly handleConnection: CompiledMethod | undefined;
  readonly handleDisconnect: CompiledMethod | undefined;
  /** The receive-loop method; when absent, frames are dispatched to `events`. */
  readonly onConnection: StagedMethod | undefined;
  readonly events: ReadonlyMap<string, CompiledHandler>;
  /** True when any guard or interceptor applies: each connection then wraps its handshake request for them. */
  readonly usesStages: boolean;
  /** Writes `sendJson` values and filter answers: the receive loop's (or the gateway's) @SerializeOptions. */
  readonly serialize: JsonSerializer;
  /** Wraps a handshake for guards and interceptors as the app wraps a route's request (signed cookies included). */
  readonly createRequest: PluginContext['createRequest'];
}

/** `rooms/:room/` → `/rooms/:room`: one spelling per path, so duplicates are found. */
export function normalisePath(path: string): string {
  const joined = `/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

function invalid(message: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_GATEWAY', message);
}

function methodOf(
  type: Constructor,
  instance: object,
  name: string,
  context: PluginContext,
  required: boolean,
): CompiledMethod | undefined {
  const method: unknown = (instance as Record<string, unknown>)[name];
  if (typeof method !== 'function') {
    if (!required) return undefined;
    throw invalid(`${type.name}.${name} is decorated but is not a method`);
  }
  return {
    reference: { controller: type, method: name },
    filters: context.filters.tableFor(type, name),
    invoke: (...args) => Reflect.apply(method, instance, args),
  };
}

/** Everything @WebSocketGateway was given must be understood: a path, and nothing it would silently ignore. */
function checkDeclaration(type: Constructor, definition: GatewayDefinition): void {
  const where = `@WebSocketGateway on ${type.name}`;
  if (typeof definition.path !== 'string') {
    throw invalid(`${where}: expected a path string, got ${typeof definition.path}`);
  }
  if (definition.port !== undefined && definition.port !== 0) {
    throw invalid(
      `${where}: port ${definition.port} is not supported: gateways are served on the app's own HTTP port (the ` +
        `one listen() opens); remove the port and give the path: @WebSocketGateway('${definition.path}')`,
    );
  }
  if (definition.pathGivenTwice) {
    throw invalid(`${where}: the path is given twice (as an argument and as options.path); give it once`);
  }
  const [option] = definition.unknownOptions ?? [];
  if (option !== undefined) {
    throw invalid(
      `${where}: unknown option '${option}'; only path is understood. Gateways are plain WebSockets served by ws ` +
        "on the app's port, so socket.io's options (namespace, cors, transports…) do not apply: serve a namespace " +
        "at a path instead (@WebSocketGateway('/chat')), and check Origin in handleConnection or a guard",
    );
  }
  if (definition.unknownArguments?.length) {
    throw invalid(`${where}: an argument it does not understand after the options; expected (path) or ({ path })`);
  }
}

/**
 * Compiles one gateway class; misuse (no @WebSocketGateway, two receive loops, a loop mixed with
 * @SubscribeMessage, an event subscribed twice) throws a `CorbelError` now rather than on a connection.
 * @example const gateway = compileGateway(ChatGateway, context);
 */
export function compileGateway(type: unknown, context: PluginContext): CompiledGateway {
  if (typeof type !== 'function') {
    throw new CorbelError('CORBEL_ERR_NOT_A_GATEWAY', `webSockets({ gateways }): expected classes, got ${typeof type}`);
  }
  const gatewayType = type as Constructor;
  const definition = readGateway(gatewayType);
  if (!definition) {
    throw new CorbelError(
      'CORBEL_ERR_NOT_A_GATEWAY',
      `${gatewayType.name} in webSockets({ gateways }) has no @WebSocketGateway(path)`,
    );
  }
  checkDeclaration(gatewayType, definition);
  const loops = readOnConnection(gatewayType);
  const subscriptions = readSubscriptions(gatewayType);
  if (loops.length > 1) {
    throw invalid(`${gatewayType.name} has @OnConnection on ${loops.join(' and ')}: a gateway has one receive loop`);
  }
  if (loops.length === 1 && subscriptions.length > 0) {
    throw invalid(
      `${gatewayType.name} mixes @OnConnection (${loops[0]}) with @SubscribeMessage: the receive loop would compete ` +
        'with the handlers for frames; use one style per gateway',
    );
  }

  const instance = context.instantiate(gatewayType);
  const events = new Map<string, CompiledHandler>();
  for (const { event, handlerName } of subscriptions) {
    const previous = events.get(event);
    if (previous) {
      throw invalid(
        `@SubscribeMessage('${event}') is declared twice on ${gatewayType.name}: by ${previous.reference.method} and ` +
          `by ${handlerName}`,
      );
    }
    const owner = `${gatewayType.name}.${handlerName}`;
    const method = methodOf(gatewayType, instance, handlerName, context, true) as CompiledMethod;
    const bind = compileMessageBinder(gatewayType.prototype, handlerName, context.validator, owner);
    const stages = messageStages(gatewayType, handlerName, context);
    const serialize = context.serializerFor(gatewayType, handlerName);
    events.set(event, { ...method, event, bind, stages, serialize });
  }
  const loop = loops.length === 1 ? (methodOf(gatewayType, instance, loops[0], context, true) as CompiledMethod) : null;
  const onConnection = loop ? { ...loop, stages: loopStages(gatewayType, loop.reference.method, context) } : undefined;
  const handshakeMethod = loop ? loop.reference.method : 'handleConnection';
  checkDeclarations(
    gatewayType,
    [...events.values()].map((handler) => handler.reference.method),
    handshakeMethod,
    loop !== null,
  );
  const handshake: CompiledHandshake = {
    reference: { controller: gatewayType, method: handshakeMethod },
    filters: context.filters.tableFor(gatewayType, handshakeMethod),
    guards: handshakeStages(gatewayType, handshakeMethod, context),
  };
  const usesStages =
    handshake.guards !== null ||
    (onConnection !== undefined && onConnection.stages !== null) ||
    [...events.values()].some((handler) => handler.stages !== null);
  return {
    type: gatewayType,
    path: normalisePath(definition.path),
    filters: context.filters.tableFor(gatewayType),
    handshake,
    handleConnection: methodOf(gatewayType, instance, 'handleConnection', context, false),
    handleDisconnect: methodOf(gatewayType, instance, 'handleDisconnect', context, false),
    onConnection,
    events,
    usesStages,
    serialize: context.serializerFor(gatewayType, loop?.reference.method),
    createRequest: context.createRequest,
  };
}
