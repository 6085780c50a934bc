// createParamDecorator: makes a parameter decorator whose value a function computes from the call's context.
import { defineCustomParameter } from '../metadata/pipeline-metadata';
import type { ExecutionContext } from '../pipeline/execution-context';
import type { PipeArgument } from './decorator-arguments';

/**
 * Makes a parameter decorator; `factory(data, context)` gives the argument (or a promise of it) on each call,
 * after the built-in parameters are bound and before the handler runs. Pipes given after `data` run on its value.
 * @example
 * const CurrentUser = createParamDecorator((field: string | undefined, context) => {
 *   const user = context.request.raw.headers['x-user'];
 *   return field ? { name: user }[field] : { name: user };
 * });
 * @Get('/me') me(@CurrentUser() user: User) { return user; }
 */
export function createParamDecorator<D = undefined, T = unknown>(
  factory: (data: D, context: ExecutionContext) => T | Promise<T>,
): (data?: D, ...pipes: PipeArgument[]) => ParameterDecorator {
  return (data, ...pipes) =>
    (target, propertyKey, index) => {
      if (propertyKey === undefined) return;
      defineCustomParameter(target, String(propertyKey), {
        index,
        factory: factory as (data: unknown, context: ExecutionContext) => unknown,
        data,
        // Recorded, never dropped: createApp resolves them (and refuses what is not a pipe).
        pipes: pipes.filter((pipe) => pipe !== undefined),
      });
    };
}
