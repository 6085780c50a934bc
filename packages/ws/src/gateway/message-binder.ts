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

function describeArgument(value: unknown): string {
  if (typeof value === 'function') return `the class ${value.name || '(anonymous)'}`;
  if (typeof value === 'object' && value !== null) {
    const name = (value.constructor as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? `an instance of ${name}` : 'an object';
  }
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : String(value);
}

/** Nothing a parameter decorator was given may go unread: unknown options and pipes are refused here. */
function checkDeclaration(parameter: MessageParameterDefinition, where: string): void {
  const [option] = parameter.unknownOptions ?? [];
  if (option !== undefined) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `${where}: unknown option '${option}'; @MessageBody understands type`,
    );
  }
  const [extra] = parameter.pipes ?? [];
  if (parameter.pipes?.length) {
    const what =
      parameter.source === 'socket' ? '@ConnectedSocket() takes no arguments' : 'pipes are not supported yet';
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `${where}: an argument it does not understand: ${describeArgument(extra)}; ${what}. Remove the argument (a ` +
        'DTO with class-validator decorators validates the data)',
    );
  }
}

function readerFor(
  parameter: MessageParameterDefinition,
  declaredTypes: readonly unknown[] | undefined,
  validator: DtoValidator,
  owner: string,
): ArgumentReader {
  const decorator =
    parameter.source === 'socket'
      ? '@ConnectedSocket()'
      : `@MessageBody(${parameter.field === undefined ? '' : `'${parameter.field}'`})`;
  const where = `${decorator} on ${owner} (parameter #${parameter.index + 1})`;
  checkDeclaration(parameter, where);
  if (parameter.source === 'socket') return (_data, connection) => connection;
  if (parameter.type === undefined && declaredTypes === undefined) {
    throw new CorbelError(
      'CORBEL_ERR_NO_TYPE_METADATA',
      `${where}: TypeScript emitted no type for it (no design:paramtypes on the method), so it could not be ` +
        'validated. Turn on "emitDecoratorMetadata" (with "experimentalDecorators") and build with tsc, or with ' +
        'swc and jsc.transform.decoratorMetadata; tsx, esbuild and Vite drop this metadata; or give its type: ' +
        '@MessageBody({ type: SayDto })',
    );
  }
  const type = parameter.type ?? declaredTypes?.[parameter.index];
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
  const check: DtoCheck = validator.compile(type, 'body', field === undefined ? [] : [field], where);
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
  const count = Math.max(declaredTypes?.length ?? 0, ...parameters.map((parameter) => parameter.index + 1));
  const readers = parameters.map((parameter) => ({
    index: parameter.index,
    read: readerFor(parameter, declaredTypes, validator, owner),
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
