// Composes a route's stages once at start-up: middleware → guards → interceptors → binding → handler.
import type { ServerResponse } from 'node:http';
import type { CorbelRequest } from '../http/request';
import type { ArgumentBinder } from './bind-arguments';
import { callHandler } from './call-handler';
import { type HandlerDescriptor, HttpExecutionContext } from './execution-context';
import type { CanActivate } from './guard';
import { forbidden, runGuards } from './guard-answer';
import type { Interceptor } from './interceptor';
import type { MiddlewareFunction } from './middleware';

/** Runs one request through a route's stages and resolves to the value to send. */
export type RoutePipeline = (request: CorbelRequest, response?: ServerResponse) => Promise<unknown>;

type ContextStage = (context: HttpExecutionContext) => Promise<unknown>;
type RequestStage<S> = (request: CorbelRequest, state: S) => Promise<unknown>;

export interface RouteStages {
  readonly descriptor: HandlerDescriptor;
  readonly middleware: readonly MiddlewareFunction[];
  readonly guards: readonly CanActivate[];
  readonly interceptors: readonly Interceptor[];
  readonly bind: ArgumentBinder;
  readonly invoke: (args: unknown[]) => unknown;
}

/**
 * Wraps `inner` in middleware, first one outermost. A middleware that called `next()` and resolved to
 * `undefined` passes the result of `next()` on, so `await next();` without `return` still sends the handler's.
 */
export function composeMiddleware<S>(
  middleware: readonly MiddlewareFunction[],
  inner: RequestStage<S>,
): RequestStage<S> {
  let stage = inner;
  for (let position = middleware.length - 1; position >= 0; position--) {
    const use = middleware[position];
    const rest = stage;
    stage = async (request, state) => {
      let passed = false;
      let passedOn: unknown;
      const value = await use(request, () =>
        rest(request, state).then((result) => {
          passed = true;
          passedOn = result;
          return result;
        }),
      );
      return value === undefined && passed ? passedOn : value;
    };
  }
  return stage;
}

/** The pipeline of a route with at least one stage (or a custom parameter). */
export function composeRoutePipeline(stages: RouteStages): RoutePipeline {
  const { descriptor, guards, interceptors, bind, invoke } = stages;
  let stage: ContextStage = async (context) => invoke(await bind(context.request, context));
  for (let position = interceptors.length - 1; position >= 0; position--) {
    const interceptor = interceptors[position];
    const rest = stage;
    stage = async (context) =>
      interceptor.intercept(
        context,
        callHandler(() => rest(context)),
      );
  }
  if (guards.length > 0) {
    const rest = stage;
    const route = `${descriptor.controller.name}.${descriptor.handler}`;
    stage = async (context) => {
      // The 403 (or the 500 of an answer that is not a boolean) goes through the route's filters like any error.
      const pending = runGuards(guards, context, forbidden, route);
      if (pending) await pending;
      return rest(context);
    };
  }
  const withContext = stage;
  const pipeline = composeMiddleware<ServerResponse | undefined>(stages.middleware, (request, response) =>
    withContext(new HttpExecutionContext(request, descriptor, response)),
  );
  return (request, response) => pipeline(request, response);
}
