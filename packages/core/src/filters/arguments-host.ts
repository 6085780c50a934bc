// The hosts a filter is given: where an error happened, with NestJS's methods over it.
import type { ServerResponse } from 'node:http';
import type { CorbelRequest } from '../http/request';
import { ArgumentsView, type CallArguments } from '../pipeline/argument-views';
import type { HttpArgumentsHost, RouteReference, WebSocketConnectionLike, WsArgumentsHost } from './exception-filter';

/** The host of an HTTP error; made only when an error is dispatched. */
export class HttpErrorHost extends ArgumentsView implements HttpArgumentsHost {
  readonly type = 'http';
  readonly request: CorbelRequest;
  readonly route: RouteReference | null;
  readonly #response: ServerResponse | undefined;

  constructor(request: CorbelRequest, route: RouteReference | null, response?: ServerResponse) {
    super();
    this.request = request;
    this.route = route;
    this.#response = response;
  }

  protected callArguments(): CallArguments {
    return { type: 'http', request: this.request, response: this.#response };
  }
}

class WsErrorHost extends ArgumentsView implements WsArgumentsHost {
  readonly type = 'ws';
  readonly connection: WebSocketConnectionLike;
  readonly route: RouteReference | null;
  readonly event: string | undefined;
  readonly data: unknown;

  constructor(connection: WebSocketConnectionLike, route: RouteReference | null, message?: WsMessageReference) {
    super();
    this.connection = connection;
    this.route = route;
    this.event = message?.event;
    this.data = message?.data;
  }

  protected callArguments(): CallArguments {
    return { type: 'ws', connection: this.connection, data: this.data, event: this.event };
  }
}

/** The message a WebSocket error came from: its event and data. */
export interface WsMessageReference {
  readonly event: string;
  readonly data: unknown;
}

/**
 * The host a WebSocket plugin gives filters for an error on `connection`, in `route` (null for a frame no handler
 * took), while handling `message` when there is one.
 * @example const host = createWsArgumentsHost(connection, handler.reference, { event: 'say', data });
 */
export function createWsArgumentsHost(
  connection: WebSocketConnectionLike,
  route: RouteReference | null,
  message?: WsMessageReference,
): WsArgumentsHost {
  return new WsErrorHost(connection, route, message);
}
