// Checks one handler parameter's declaration at start-up: every argument and option understood, a type known.
import { PARAMETER_OPTION_KEYS } from '../decorators/parameters';
import { closestKey } from '../errors/closest-key';
import { CorbelError } from '../errors/corbel-error';
import { describeValue } from '../errors/describe-value';
import { TYPE_METADATA_FIX } from '../errors/type-metadata-fix';
import type { ParameterDefinition, ParameterSource } from '../metadata/parameter-metadata';

/** What the binder knows of the handler a parameter belongs to, for naming it in errors. */
export interface ParameterOwner {
  /** `UsersController.findOne`. */
  readonly owner: string;
  /** `design:paramtypes`, or undefined when the build emitted none. */
  readonly declaredTypes: readonly unknown[] | undefined;
}

const DECORATOR_NAMES: Readonly<Record<ParameterSource, string>> = {
  path: 'Param',
  query: 'Query',
  header: 'Headers',
  cookie: 'Cookie',
  body: 'Body',
  request: 'Req',
};

/** `@Query('page') on UsersController.list`, or `@Body() on UsersController.create (parameter #1)`. */
export function describeParameter(handler: ParameterOwner, parameter: ParameterDefinition): string {
  const decorator = DECORATOR_NAMES[parameter.source];
  // A named decorator is unique enough; an unnamed one needs its position (counted from 1, as injection errors are).
  if (parameter.name !== undefined) return `@${decorator}('${parameter.name}') on ${handler.owner}`;
  return `@${decorator}() on ${handler.owner} (parameter #${parameter.index + 1})`;
}

function describeArgument(value: unknown): string {
  const shown = describeValue(value);
  const isPipe =
    typeof value === 'object' && value !== null && typeof (value as { transform?: unknown }).transform === 'function';
  return isPipe ? `a pipe (${shown})` : shown;
}

function invalid(handler: ParameterOwner, parameter: ParameterDefinition, problem: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_PARAMETER', `${describeParameter(handler, parameter)}: ${problem}`);
}

function checkArguments(handler: ParameterOwner, parameter: ParameterDefinition): void {
  const decorator = `@${DECORATOR_NAMES[parameter.source]}`;
  const known = PARAMETER_OPTION_KEYS[parameter.source];
  for (const key of parameter.unknownOptions ?? []) {
    const guess = closestKey(key, known);
    const understood =
      known.length === 0 ? `${decorator} takes no options` : `${decorator} understands ${known.join(', ')}`;
    throw invalid(
      handler,
      parameter,
      `unknown option '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${understood}`,
    );
  }
  // Pipes are legal everywhere but on @Req(); whether each argument is a pipe is decided where pipes are resolved.
  const [extra] = parameter.pipes ?? [];
  if (parameter.source === 'request' && parameter.pipes?.length) {
    throw invalid(handler, parameter, `${decorator}() takes no arguments, got ${describeArgument(extra)}`);
  }
}

function checkOptionValues(handler: ParameterOwner, parameter: ParameterDefinition): void {
  const { required, description, type } = parameter;
  if (required !== undefined && typeof required !== 'boolean') {
    throw invalid(handler, parameter, `option required must be true or false, got ${describeValue(required)}`);
  }
  if (description !== undefined && typeof description !== 'string') {
    throw invalid(handler, parameter, `option description must be a string, got ${describeValue(description)}`);
  }
  const isClass = (value: unknown) => typeof value === 'function';
  if (type !== undefined && !isClass(type) && !(Array.isArray(type) && type.length === 1 && isClass(type[0]))) {
    throw invalid(
      handler,
      parameter,
      `option type must be a class (a DTO, Number, Boolean, String) or [Dto], got ${describeValue(type)}`,
    );
  }
}

function checkTypeKnown(handler: ParameterOwner, parameter: ParameterDefinition): void {
  // @Req() needs no type; every other parameter is converted or validated by the type it declares.
  if (parameter.source === 'request' || parameter.type !== undefined || handler.declaredTypes !== undefined) return;
  throw new CorbelError(
    'CORBEL_ERR_NO_TYPE_METADATA',
    `${describeParameter(handler, parameter)}: TypeScript emitted no type for it (no design:paramtypes on the ` +
      `method), so it could be neither converted nor validated. ${TYPE_METADATA_FIX}; or give its type: ` +
      '{ type: Number }, { type: CreateUserDto }',
  );
}

/**
 * Refuses, at start-up, a parameter whose decorator was given what it does not understand (an unknown option, an
 * argument to @Req(), an option of the wrong kind), or whose type is unknown because the build dropped TypeScript's
 * metadata.
 */
export function checkParameterDeclaration(handler: ParameterOwner, parameter: ParameterDefinition): void {
  checkArguments(handler, parameter);
  checkOptionValues(handler, parameter);
  checkTypeKnown(handler, parameter);
}
