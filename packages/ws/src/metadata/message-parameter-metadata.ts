// What @MessageBody and @ConnectedSocket record: a typed list per handler, never a string to parse back.
import type { ParameterType } from '@corbel/core';
import { readMetadata, readOwnMetadata, writeMetadata } from '@corbel/core';
import { DESIGN_PARAMTYPES, MESSAGE_PARAMETERS } from './keys';

/** `body` is the message's `data` (or one of its fields); `socket` is the connection. */
export type MessageParameterSource = 'body' | 'socket';

export interface MessageParameterDefinition {
  readonly index: number;
  readonly source: MessageParameterSource;
  /** The field of `data` to pass; absent means the whole of it. */
  readonly field?: string;
  /** An explicit DTO class (or `[Dto]`), when the declared type cannot say it. */
  readonly type?: ParameterType;
  /** Option keys @MessageBody does not know, as written; refused at start-up. */
  readonly unknownOptions?: readonly string[];
  /** Arguments it does not understand, as given (NestJS passes pipes there); refused at start-up. */
  readonly pipes?: readonly unknown[];
}

export function defineMessageParameter(
  prototype: object,
  handlerName: string,
  parameter: MessageParameterDefinition,
): void {
  const parameters = readOwnMetadata<MessageParameterDefinition[]>(MESSAGE_PARAMETERS, prototype, handlerName) ?? [];
  writeMetadata(MESSAGE_PARAMETERS, [...parameters, parameter], prototype, handlerName);
}

/** The declared parameters of a handler, ordered by position. */
export function readMessageParameters(prototype: object, handlerName: string): readonly MessageParameterDefinition[] {
  const parameters = readOwnMetadata<MessageParameterDefinition[]>(MESSAGE_PARAMETERS, prototype, handlerName) ?? [];
  return [...parameters].sort((a, b) => a.index - b.index);
}

/** The types TypeScript emitted for a method's parameters; undefined when the build emitted none. */
export function readParameterTypes(prototype: object, handlerName: string): readonly unknown[] | undefined {
  return readMetadata<unknown[]>(DESIGN_PARAMTYPES, prototype, handlerName);
}
