// NestJS's views of a call's arguments, shared by execution contexts and filters' hosts: switchToHttp(), switchToWs().
import type { ServerResponse } from 'node:http';
import type { CorbelRequest } from '../http/request';

/** What kind of call a context or host is about. */
export type ContextType = 'http' | 'ws';

/**
 * `switchToHttp()`: the request, node's response, and (for NestJS code) `getNext()`, which Corbel has none of.
 * Over WebSocket it gives the handshake request and no response.
 * @example const request = context.switchToHttp().getRequest(); request.headers.authorization;
 */
export interface HttpContext {
  getRequest<T = CorbelRequest>(): T;
  getResponse<T = ServerResponse | undefined>(): T;
  getNext<T = undefined>(): T;
}

/**
 * `switchToWs()`: the connection, the message's data and its event name; over HTTP each is undefined.
 * @example const event = host.switchToWs().getPattern(); // 'say'
 */
export interface WsContext {
  getClient<T = unknown>(): T;
  getData<T = unknown>(): T;
  getPattern(): string;
}

/**
 * The methods NestJS code calls on a context or a host. `getArgs()` is `[request, response]` over HTTP and
 * `[connection, data]` over WebSocket.
 * @example if (host.getType() === 'ws') return host.switchToWs().getClient();
 */
export interface ArgumentsHostMethods {
  getType<T extends string = ContextType>(): T;
  getArgs<T extends unknown[] = unknown[]>(): T;
  getArgByIndex<T = unknown>(index: number): T;
  switchToHttp(): HttpContext;
  switchToWs(): WsContext;
}

/** The raw parts the views are made of; any may be absent where the call has none. */
export interface CallArguments {
  readonly type: ContextType;
  readonly request?: CorbelRequest;
  readonly response?: ServerResponse;
  readonly connection?: unknown;
  readonly data?: unknown;
  readonly event?: string;
}

/**
 * The NestJS methods over `callArguments()`, for contexts and hosts to extend: a view is built only when asked for.
 * @example class ErrorHost extends ArgumentsView { protected callArguments() { return { type: 'http', request }; } }
 */
export abstract class ArgumentsView implements ArgumentsHostMethods {
  protected abstract callArguments(): CallArguments;

  getType<T extends string = ContextType>(): T {
    return this.callArguments().type as T;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    const call = this.callArguments();
    return (call.type === 'http' ? [call.request, call.response] : [call.connection, call.data]) as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.getArgs()[index] as T;
  }

  switchToHttp(): HttpContext {
    const { request, response } = this.callArguments();
    return {
      getRequest: <T>() => request as T,
      getResponse: <T>() => response as T,
      getNext: <T>() => undefined as T,
    };
  }

  switchToWs(): WsContext {
    const { connection, data, event } = this.callArguments();
    return {
      getClient: <T>() => connection as T,
      getData: <T>() => data as T,
      getPattern: () => event as string,
    };
  }
}
