// Binds a handler's arguments inside the pipeline: the compiled built-in phases, the body, then custom parameters.

import { isPromise } from '../async/is-promise';
import type { CompiledParameters } from '../binding/parameter-binder';
import { readBody } from '../http/body-reader';
import type { CorbelRequest } from '../http/request';
import type { CustomParameterDefinition } from '../metadata/pipeline-metadata';
import type { ExecutionContext } from './execution-context';

/** Fills the argument list of one call; rejects with the first failing location's `RequestValidationError`. */
export type ArgumentBinder = (request: CorbelRequest, context: ExecutionContext) => Promise<unknown[]>;

/** Compiles once per route; the phases run in the same order as on a route without a pipeline. */
export function compileArgumentBinder(
  parameters: CompiledParameters,
  customParameters: readonly CustomParameterDefinition[],
  bodyLimit: number,
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
    for (let index = 0; index < customParameters.length; index++) {
      const { factory, data } = customParameters[index];
      const value = factory(data, context);
      args[customParameters[index].index] = isPromise(value) ? await value : value;
    }
    return args;
  };
}
