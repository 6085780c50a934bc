// @MessageBody and @ConnectedSocket: where each argument of a @SubscribeMessage handler comes from.
import { type ParameterType, type PipeArgument, parseDecoratorArguments } from '@corbel/core';
import { defineMessageParameter } from '../metadata/message-parameter-metadata';

/** Options of @MessageBody. */
export interface MessageBodyOptions {
  /** A DTO class, or `[Dto]` for an array of them, when the declared type cannot say it. */
  readonly type?: ParameterType;
}

/** The option keys @MessageBody understands; any other is recorded and refused at start-up. */
const MESSAGE_BODY_OPTION_KEYS: readonly (keyof MessageBodyOptions)[] = ['type'];

/**
 * The frame's `data`, or one of its fields. A DTO type is validated as an HTTP body is; a failure closes with 1008
 * unless a filter answers `RequestValidationError`.
 * @example
 * @SubscribeMessage('join') join(@MessageBody() dto: JoinDto) {}
 * @SubscribeMessage('say') say(@MessageBody('text') text: string) {}
 */
export function MessageBody(field?: string | MessageBodyOptions, options?: MessageBodyOptions): ParameterDecorator;
/** NestJS's pipes are recorded and refused at start-up until Corbel supports them. */
export function MessageBody(field: string | undefined, ...pipes: PipeArgument[]): ParameterDecorator;
export function MessageBody(...args: unknown[]): ParameterDecorator {
  const { name, options, unknownOptions, pipes } = parseDecoratorArguments(args, MESSAGE_BODY_OPTION_KEYS);
  const type = options.type as ParameterType | undefined;
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    defineMessageParameter(target, String(propertyKey), {
      index,
      source: 'body',
      field: name,
      type,
      unknownOptions,
      pipes,
    });
  };
}

/**
 * The `WebSocketConnection` the frame came from. It takes no arguments.
 * @example @SubscribeMessage('whoami') whoami(@ConnectedSocket() socket: WebSocketConnection) { return socket.params; }
 */
export function ConnectedSocket(...args: never[]): ParameterDecorator {
  const pipes: readonly unknown[] = args.filter((argument) => argument !== undefined);
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    defineMessageParameter(target, String(propertyKey), { index, source: 'socket', pipes });
  };
}
