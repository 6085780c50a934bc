// How a built-in pipe refuses a value: one RequestValidationError entry, or the error its options ask for.
import { withoutStack } from '../errors/without-stack';
import { HTTPException } from '../exceptions/http-exception';
import { type ParameterLocation, RequestValidationError } from '../exceptions/request-validation-error';
import type { ArgumentMetadata } from './pipe-transform';

/**
 * The options every built-in parse pipe shares, as NestJS names them.
 * @example new ParseIntPipe({ optional: true }); new ParseIntPipe({ errorHttpStatusCode: 406 })
 */
export interface ParsePipeOptions {
  /** `undefined` and `null` pass through untouched instead of failing. */
  readonly optional?: boolean;
  /** Answer a failure with an `HTTPException` of this status (its detail the message) instead of a validation entry. */
  readonly errorHttpStatusCode?: number;
  /** Makes the error a failure throws from its message (NestJS's option); wins over `errorHttpStatusCode`. */
  readonly exceptionFactory?: (message: string) => unknown;
}

// Where an entry says the value came from; the binder rewrites it with the parameter's real location.
const LOCATIONS: Readonly<Record<ArgumentMetadata['type'], ParameterLocation>> = {
  param: 'path',
  query: 'query',
  body: 'body',
  custom: 'body',
};

/**
 * The error a built-in pipe throws for a value it refuses: by default a `RequestValidationError` with one entry
 * (`loc` relative to the parameter), so it is answered as Corbel answers conversion failures.
 * @example throw pipeFailure(metadata, options, 'int_parsing', 'Input should be a valid integer');
 */
export function pipeFailure(
  metadata: ArgumentMetadata,
  options: ParsePipeOptions,
  type: string,
  msg: string,
  loc: readonly (string | number)[] = [],
): unknown {
  if (options.exceptionFactory) return options.exceptionFactory(msg);
  if (options.errorHttpStatusCode !== undefined) return new HTTPException(options.errorHttpStatusCode, msg);
  return withoutStack(() => new RequestValidationError([{ loc, msg, type, in: LOCATIONS[metadata.type] }]));
}

/** True when an optional pipe lets the value through untouched. */
export function isSkipped(value: unknown, options: ParsePipeOptions): boolean {
  return options.optional === true && (value === undefined || value === null);
}
