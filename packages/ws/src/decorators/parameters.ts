// @MessageBody and @ConnectedSocket: where each argument of a @SubscribeMessage handler comes from.
import type { ParameterType } from '@corbel/core';
import { defineMessageParameter } from '../metadata/message-parameter-metadata';

/** Options of @MessageBody. */
export interface MessageBodyOptions {
  /** A DTO class, or `[Dto]` for an array of them, when the declared type cannot say it. */
  readonly type?: ParameterType;
}

/**
 * The frame's `data`, or one of its fields. A DTO type is validated as an HTTP body is; a failure closes with 1008
 * unless a filter answers `RequestValidationError`.
 * @example
 * @SubscribeMessage('join') join(@MessageBody() dto: JoinDto) {}
 * @SubscribeMessage('say') say(@MessageBody('text') text: string) {}
 */
export function MessageBody(field?: string | MessageBodyOptions, options: MessageBodyOptions = {}): ParameterDecorator {
  const name = typeof field === 'string' ? field : undefined;
  const { type } = typeof field === 'object' ? field : options;
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    defineMessageParameter(target, String(propertyKey), { index, source: 'body', field: name, type });
  };
}

/**
 * The `WebSocketConnection` the frame came from.
 * @example @SubscribeMessage('whoami') whoami(@ConnectedSocket() socket: WebSocketConnection) { return socket.params; }
 */
export function ConnectedSocket(): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    defineMessageParameter(target, String(propertyKey), { index, source: 'socket' });
  };
}
