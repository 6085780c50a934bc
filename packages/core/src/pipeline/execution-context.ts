// What guards, interceptors and custom parameter decorators are told about the call they run around.
import type { ServerResponse } from 'node:http';
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';
import { type ArgumentsHostMethods, ArgumentsView, type CallArguments, type ContextType } from './argument-views';

/** A key given to @SetMetadata. @example const ROLES: MetadataKey = Symbol('roles'); */
export type MetadataKey = string | symbol;

/** A handler method, as `getHandler()` returns it: the function on the controller's prototype. */
export type HandlerFunction = (...args: never[]) => unknown;

/**
 * The call being handled: the request, the controller (or gateway) class and method, and @SetMetadata values; and
 * NestJS's methods (`getClass()`, `getHandler()`, `switchToHttp()`, `switchToWs()`, `getType()`, `getArgs()`).
 * @example
 * canActivate(context: ExecutionContext) {
 *   const roles = this.reflector.get(Roles, context.getHandler()) ?? [];
 *   return roles.includes(String(context.switchToHttp().getRequest().headers['x-role']));
 * }
 */
export interface ExecutionContext extends ArgumentsHostMethods {
  /** `'http'` for a route; `'ws'` for a gateway (where `request` is the handshake request). */
  readonly type: ContextType;
  readonly request: CorbelRequest;
  /** The controller (or gateway) class. */
  readonly controller: Constructor;
  /** The name of the handler method. */
  readonly handler: string;
  /** A value set with @SetMetadata on the method, else on the class; undefined when neither set it. */
  getMetadata<T = unknown>(key: MetadataKey): T | undefined;
  /** The controller (or gateway) class, as NestJS's `getClass()`. */
  getClass<T = Constructor>(): T;
  /** The handler method itself, as NestJS's `getHandler()`: give it to `reflector.get(key, handler)`. */
  getHandler(): HandlerFunction;
}

/** What a route knows once at start-up and every context of it shares. */
export interface HandlerDescriptor {
  readonly controller: Constructor;
  readonly handler: string;
  readonly metadata: ReadonlyMap<MetadataKey, unknown>;
}

/** The fields and NestJS methods every context has, over the descriptor its route or handler shares. */
abstract class DescribedContext extends ArgumentsView {
  protected abstract readonly descriptor: HandlerDescriptor;

  get controller(): Constructor {
    return this.descriptor.controller;
  }

  get handler(): string {
    return this.descriptor.handler;
  }

  getMetadata<T = unknown>(key: MetadataKey): T | undefined {
    return this.descriptor.metadata.get(key) as T | undefined;
  }

  getClass<T = Constructor>(): T {
    return this.descriptor.controller as T;
  }

  getHandler(): HandlerFunction {
    const { controller, handler } = this.descriptor;
    return (controller.prototype as Record<string, HandlerFunction>)[handler];
  }
}

/** The per-request context of an HTTP route: three fields of its own, the rest shared through the descriptor. */
export class HttpExecutionContext extends DescribedContext implements ExecutionContext {
  readonly request: CorbelRequest;
  readonly response: ServerResponse | undefined;
  protected readonly descriptor: HandlerDescriptor;

  constructor(request: CorbelRequest, descriptor: HandlerDescriptor, response?: ServerResponse) {
    super();
    this.request = request;
    this.descriptor = descriptor;
    this.response = response;
  }

  get type(): 'http' {
    return 'http';
  }

  protected callArguments(): CallArguments {
    return { type: 'http', request: this.request, response: this.response };
  }
}

/**
 * The context of a plugin's handler (a gateway's handshake or message): its `extra` fields (`connection`, `event`,
 * `data`) are the context's own, so `context.connection` reads as before and `switchToWs()` finds them.
 */
export class HandlerExecutionContext extends DescribedContext implements ExecutionContext {
  readonly type: ContextType;
  readonly request: CorbelRequest;
  protected readonly descriptor: HandlerDescriptor;

  constructor(
    type: ContextType,
    request: CorbelRequest,
    descriptor: HandlerDescriptor,
    extra: Readonly<Record<string, unknown>> | undefined,
  ) {
    super();
    if (extra) Object.assign(this, extra);
    this.type = type;
    this.request = request;
    this.descriptor = descriptor;
  }

  protected callArguments(): CallArguments {
    const { connection, data, event } = this as { connection?: unknown; data?: unknown; event?: string };
    return { type: this.type, request: this.request, connection, data, event };
  }
}
