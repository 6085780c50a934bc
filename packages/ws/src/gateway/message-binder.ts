// Compiles a @SubscribeMessage handler's parameters once: the frame's data (validated when a DTO), the socket.
import {
  CorbelError,
  type DtoCheck,
  type DtoValidator,
  isDtoClass,
  type ParameterType,
  RequestValidationError,
  type ValidationErrorEntry,
} from '@corbel/core';
import type { WebSocketConnection } from '../connection';
import {
  type MessageParameterDefinition,
  readMessageParameters,
  readParameterTypes,
} from '../metadata/message-parameter-metadata';

/** Builds a handler's arguments from a frame's data; rejects with `RequestValidationError` when a DTO fails. */
export type MessageBinder = (data: unknown, connection: WebSocketConnection) => unknown[] | Promise<unknown[]>;

/** A DTO class, or `[Dto]` for an array of them: the same rule as for HTTP parameters. */
function isDtoType(type: unknown): type is ParameterType {
  if (Array.isArray(type)) return type.length === 1 && isDtoClass(type[0]);
  return isDtoClass(type);
}

function fieldOf(data: unknown, field: string | undefined): unknown {
  if (field === undefined) return data;
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, field)) return undefined;
  return (data as Record<string, unknown>)[field];
}

type ArgumentReader = (data: unknown, connection: WebSocketConnection, errors: ValidationErrorEntry[]) => unknown;

function readerFor(
  parameter: MessageParameterDefinition,
  declaredType: unknown,
  validator: DtoValidator,
  owner: string,
): ArgumentReader {
  if (parameter.source === 'socket') return (_data, connection) => connection;
  const type = parameter.type ?? declaredType;
  if (parameter.type !== undefined && !isDtoType(parameter.type)) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `@MessageBody on ${owner}: type must be a class-validator DTO or [Dto], got ${String(parameter.type)}`,
    );
  }
  // TypeScript emits `Function` for a class imported with `import type`: validation would be skipped silently.
  if (type === Function) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `@MessageBody on ${owner}: its declared type was emitted as Function, which happens when the class is ` +
        'imported with `import type`; import it as a value so its metadata (and validation) survive',
    );
  }
  const { field } = parameter;
  if (!isDtoType(type)) return (data) => fieldOf(data, field);
  const check: DtoCheck = validator.compile(type, 'body', field === undefined ? [] : [field]);
  return (data, _connection, errors) => check(fieldOf(data, field), errors);
}

/**
 * The binder of one handler. Without parameter decorators the handler gets `(socket, data)`, as in NestJS.
 * @example const bind = compileMessageBinder(ChatGateway.prototype, 'say', validator, 'ChatGateway.say');
 */
export function compileMessageBinder(
  prototype: object,
  handlerName: string,
  validator: DtoValidator,
  owner: string,
): MessageBinder {
  const parameters = readMessageParameters(prototype, handlerName);
  if (parameters.length === 0) return (data, connection) => [connection, data];
  const declaredTypes = readParameterTypes(prototype, handlerName);
  const count = Math.max(declaredTypes.length, ...parameters.map((parameter) => parameter.index + 1));
  const readers = parameters.map((parameter) => ({
    index: parameter.index,
    read: readerFor(parameter, declaredTypes[parameter.index], validator, owner),
  }));
  return (data, connection) => {
    const args: unknown[] = new Array(count);
    const errors: ValidationErrorEntry[] = [];
    const pending: Promise<void>[] = [];
    for (const { index, read } of readers) {
      const value = read(data, connection, errors);
      if (value instanceof Promise) {
        pending.push(
          value.then((settled) => {
            args[index] = settled;
          }),
        );
      } else args[index] = value;
    }
    const finish = () => {
      if (errors.length > 0) throw new RequestValidationError(errors, 'body');
      return args;
    };
    return pending.length === 0 ? finish() : Promise.all(pending).then(finish);
  };
}
