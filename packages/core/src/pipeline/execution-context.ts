// What guards, interceptors and custom parameter decorators are told about the call they run around.
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';

/** A key given to @SetMetadata. @example const ROLES: MetadataKey = Symbol('roles'); */
export type MetadataKey = string | symbol;

/**
 * The call being handled: the request, the controller (or gateway) class and method, and @SetMetadata values.
 * @example
 * canActivate(context: ExecutionContext) {
 *   const roles = context.getMetadata<string[]>('roles') ?? [];
 *   return roles.includes(String(context.request.headers['x-role']));
 * }
 */
export interface ExecutionContext {
  /** `'http'` for a route; `'ws'` for a gateway (where `request` is the handshake request). */
  readonly type: 'http' | 'ws';
  readonly request: CorbelRequest;
  /** The controller (or gateway) class. */
  readonly controller: Constructor;
  /** The name of the handler method. */
  readonly handler: string;
  /** A value set with @SetMetadata on the method, else on the class; undefined when neither set it. */
  getMetadata<T = unknown>(key: MetadataKey): T | undefined;
}

/** What a route knows once at start-up and every context of it shares. */
export interface HandlerDescriptor {
  readonly controller: Constructor;
  readonly handler: string;
  readonly metadata: ReadonlyMap<MetadataKey, unknown>;
}

/** The per-request context of an HTTP route: two fields of its own, the rest shared through the descriptor. */
export class HttpExecutionContext implements ExecutionContext {
  readonly request: CorbelRequest;
  readonly #descriptor: HandlerDescriptor;

  constructor(request: CorbelRequest, descriptor: HandlerDescriptor) {
    this.request = request;
    this.#descriptor = descriptor;
  }

  get type(): 'http' {
    return 'http';
  }

  get controller(): Constructor {
    return this.#descriptor.controller;
  }

  get handler(): string {
    return this.#descriptor.handler;
  }

  getMetadata<T = unknown>(key: MetadataKey): T | undefined {
    return this.#descriptor.metadata.get(key) as T | undefined;
  }
}
