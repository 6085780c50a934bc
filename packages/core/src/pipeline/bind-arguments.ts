// Binds a handler's arguments inside the pipeline: the compiled built-in phases, the body, then custom parameters.

import { isPromise } from '../async/is-promise';
import type { CompiledParameters } from '../binding/parameter-binder';
import { withoutStack } from '../errors/without-stack';
import { RequestValidationError, type ValidationErrorEntry } from '../exceptions/request-validation-error';
import { readBody } from '../http/body-reader';
import type { CorbelRequest } from '../http/request';
import type { AnyClass } from '../metadata/constructor';
import type { CustomParameterDefinition } from '../metadata/pipeline-metadata';
import { compilePipeChain, type PipeChain } from '../pipes/pipe-chain';
import type { HandlerPipes } from '../pipes/pipe-resolver';
import type { DtoValidator } from '../validation/dto-validator';
import type { ExecutionContext } from './execution-context';

/** Fills the argument list of one call; rejects with the first failing location's `RequestValidationError`. */
export type ArgumentBinder = (request: CorbelRequest, context: ExecutionContext) => Promise<unknown[]>;

/** What the pipes of custom parameters are compiled from. */
export interface CustomPipeSources {
  /** `CatsController.findOne`, for start-up errors. */
  readonly owner: string;
  readonly pipes: HandlerPipes;
  readonly validator: DtoValidator;
  readonly declaredTypes: readonly unknown[] | undefined;
}

/**
 * The pipe chain of each custom parameter (by position in `customParameters`), null where none applies. Their
 * `ArgumentMetadata.type` is `'custom'` and `data` the decorator's data when it is a string.
 * @example const chains = compileCustomPipes(customParameters, { owner, pipes, validator, declaredTypes });
 */
export function compileCustomPipes(
  customParameters: readonly CustomParameterDefinition[],
  sources: CustomPipeSources,
): (PipeChain | null)[] {
  return customParameters.map(({ index, data, pipes }) => {
    const usedBy = `a custom parameter decorator on ${sources.owner} (parameter #${index + 1})`;
    const piped = sources.pipes.forParameter({ source: 'custom', pipes, usedBy });
    if (!piped) return null;
    const declared = sources.declaredTypes?.[index];
    return compilePipeChain(
      piped.pipes,
      { validator: sources.validator, location: undefined, metatype: declared, usedBy, settings: piped.settings },
      {
        type: 'custom',
        metatype: typeof declared === 'function' ? (declared as AnyClass) : undefined,
        data: typeof data === 'string' ? data : undefined,
      },
      [],
    );
  });
}

/** Compiles once per route; the phases run in the same order as on a route without a pipeline. */
export function compileArgumentBinder(
  parameters: CompiledParameters,
  customParameters: readonly CustomParameterDefinition[],
  bodyLimit: number,
  customPipes: readonly (PipeChain | null)[] = [],
): ArgumentBinder {
  const { beforeBody, readsBody, body, uploads } = parameters;
  const count = customParameters.reduce((max, { index }) => Math.max(max, index + 1), parameters.count);
  return async (request, context) => {
    const args: unknown[] = new Array(count);
    for (let index = 0; index < beforeBody.length; index++) {
      const pending = beforeBody[index](request, args);
      if (pending) await pending;
    }
    if (uploads !== null) await uploads(request);
    else if (readsBody) request.body = await readBody(request.raw, bodyLimit);
    if (body) await body(request, args);
    let errors: ValidationErrorEntry[] | undefined;
    for (let index = 0; index < customParameters.length; index++) {
      const { factory, data } = customParameters[index];
      let value = factory(data, context);
      if (isPromise(value)) value = await value;
      const chain = customPipes[index];
      if (chain) {
        errors ??= [];
        value = chain(value, errors);
        if (isPromise(value)) value = await value;
      }
      args[customParameters[index].index] = value;
    }
    if (errors && errors.length > 0) {
      const failures = errors;
      throw withoutStack(() => new RequestValidationError(failures));
    }
    return args;
  };
}
