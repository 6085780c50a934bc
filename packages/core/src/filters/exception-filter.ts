// The contract of a filter class and of the host it is given (the HTTP request or the WebSocket connection).
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';
import type { ArgumentsHostMethods } from '../pipeline/argument-views';

/** The controller (or gateway) class and method an error came from. */
export interface RouteReference {
  readonly controller: Constructor;
  readonly method: string;
}

/** What a filter sees of a WebSocket connection; `@corbel/ws` passes its `WebSocketConnection`. */
export interface WebSocketConnectionLike {
  close(code?: number, reason?: string): unknown;
}

/**
 * The host of an error raised while serving HTTP. `route` is null for an unknown route.
 * `switchToHttp().getResponse()` is node's `ServerResponse`; answer by returning a value rather than writing to it.
 */
export interface HttpArgumentsHost extends ArgumentsHostMethods {
  readonly type: 'http';
  readonly request: CorbelRequest;
  readonly route: RouteReference | null;
}

/**
 * The host of an error raised in a WebSocket gateway: `event` and `data` are the message's when a
 * `@SubscribeMessage` handler failed (`switchToWs().getPattern()` and `getData()` give them too).
 */
export interface WsArgumentsHost extends ArgumentsHostMethods {
  readonly type: 'ws';
  readonly connection: WebSocketConnectionLike;
  readonly route: RouteReference | null;
  readonly event?: string;
  readonly data?: unknown;
}

/**
 * Tells a filter where the error happened; narrow on `type` (or NestJS's `getType()` and `switchToHttp()`).
 * @example catch(error: unknown, host: ArgumentsHost) { if (host.type === 'ws') return undefined; return { path: host.request.path }; }
 */
export type ArgumentsHost = HttpArgumentsHost | WsArgumentsHost;

/**
 * A filter class: `catch` may be sync or async. Return a `json()`/`text()`/`html()`/`redirect()` value to send it
 * as is, any other value to send it as JSON with the error's own status, or `undefined` for the default answer.
 * @example
 * @Catch(404)
 * class NotFoundFilter implements ExceptionFilter<HTTPException> {
 *   catch(error: HTTPException) { return { error: 'nothing here' }; }
 * }
 */
export interface ExceptionFilter<E = unknown> {
  catch(error: E, host: ArgumentsHost): unknown;
}
