// Compiles a parameter's pipes, once, into one function the binder calls after its own conversion and validation.
import { isPromiseLike } from '../async/is-promise';
import {
  type ParameterLocation,
  RequestValidationError,
  type ValidationErrorEntry,
} from '../exceptions/request-validation-error';
import { COMPILE_PIPE, isCompilablePipe, type PipeCompileContext, type PipeStep } from './compiled-pipe';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

/** Runs the pipes on one value: the handler's argument (or a promise of it); refusals go into `errors`. */
export type PipeChain = (value: unknown, errors: ValidationErrorEntry[]) => unknown;

function isValidationError(error: unknown): error is RequestValidationError {
  try {
    return error instanceof RequestValidationError;
  } catch {
    return false;
  }
}

/**
 * The chain of `pipes` for one parameter, or null when none has anything to do there. A refusal's entries get the
 * parameter's location and name (`loc` is relative to the parameter); later pipes do not run after one.
 * @example const chain = compilePipeChain([new ParseIntPipe()], context, { type: 'param', data: 'id' }, ['id']);
 */
export function compilePipeChain(
  pipes: readonly PipeTransform[],
  context: PipeCompileContext,
  metadata: ArgumentMetadata,
  prefix: readonly (string | number)[],
): PipeChain | null {
  const steps: PipeStep[] = [];
  for (const pipe of pipes) {
    if (isCompilablePipe(pipe)) {
      const step = pipe[COMPILE_PIPE](context);
      if (step) steps.push(step);
      continue;
    }
    steps.push((value) => pipe.transform(value, metadata));
  }
  if (steps.length === 0) return null;
  const location = context.location;

  const report = (local: readonly ValidationErrorEntry[], errors: ValidationErrorEntry[]) => {
    for (const entry of local) {
      errors.push({ loc: [...prefix, ...entry.loc], msg: entry.msg, type: entry.type, in: location ?? entry.in });
    }
  };
  const refuse = (error: unknown, local: ValidationErrorEntry[]): undefined => {
    if (!isValidationError(error)) throw error;
    local.push(...error.errors());
    return undefined;
  };

  function run(value: unknown, from: number, local: ValidationErrorEntry[]): unknown {
    let current = value;
    for (let index = from; index < steps.length; index++) {
      let next: unknown;
      try {
        next = steps[index](current, local);
      } catch (error) {
        return refuse(error, local);
      }
      if (isPromiseLike(next)) {
        return Promise.resolve(next).then(
          (settled) => (local.length > 0 ? undefined : run(settled, index + 1, local)),
          (error: unknown) => refuse(error, local),
        );
      }
      if (local.length > 0) return undefined;
      current = next;
    }
    return current;
  }

  return (value, errors) => {
    const local: ValidationErrorEntry[] = [];
    const result = run(value, 0, local);
    if (!isPromiseLike(result)) {
      report(local, errors);
      return result;
    }
    return Promise.resolve(result).then((settled) => {
      report(local, errors);
      return settled;
    });
  };
}

/** The `ArgumentMetadata.type` of a parameter location, as NestJS names it. */
export function metadataTypeOf(location: ParameterLocation | undefined): ArgumentMetadata['type'] {
  if (location === 'path') return 'param';
  if (location === 'query' || location === 'body') return location;
  return 'custom';
}
