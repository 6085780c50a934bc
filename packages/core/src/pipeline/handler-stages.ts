// Guards and interceptors around a plugin's handler (a gateway's handshake or message), composed once.
import type { CorbelRequest } from '../http/request';
import type { Constructor } from '../metadata/constructor';
import { callHandler } from './call-handler';
import { type ExecutionContext, HandlerExecutionContext, type MetadataKey } from './execution-context';
import type { CanActivate } from './guard';
import { runGuards } from './guard-answer';
import type { Interceptor } from './interceptor';

/**
 * Which declarations to take: the app's (`createApp({ guards, interceptors })`), the class's
 * @UseGuards/@UseInterceptors, the method's; listed ones run in that order, global first.
 * @example { guards: ['global', 'class'] }
 */
export type StageScope = 'global' | 'class' | 'method';

/**
 * How `stagesFor` composes a handler's stages.
 * @example { guards: ['method'], refused: () => new WebSocketException(1008, 'Forbidden') }
 */
export interface HandlerStageOptions {
  /** Default `['class', 'method']` (the app's global stages only when listed). A gateway may guard its handshake with the class's guards only. */
  readonly guards?: readonly StageScope[];
  /** Default `['class', 'method']` (the app's global stages only when listed). */
  readonly interceptors?: readonly StageScope[];
  /**
   * The error a falsy guard answer throws (default `HTTPForbidden`; a WebSocket message may prefer a close). An
   * answer that is not a boolean throws a `CorbelError` (`CORBEL_ERR_INVALID_GUARD_RESULT`) instead.
   */
  readonly refused?: () => unknown;
  /** `context.type` (default `'ws'`). */
  readonly type?: ExecutionContext['type'];
}

/**
 * A handler's guards and interceptors: `run` calls the guards, then the interceptors around `call`, and resolves
 * to what the outermost interceptor returns. `extra` fields (a connection, the message data) join the context.
 * @example
 * const stages = context.stagesFor(ChatGateway, 'onMessage', { refused: () => new WebSocketException(1008, 'Forbidden') });
 * const result = stages ? await stages.run(handshakeRequest, () => invoke(args), { connection }) : await invoke(args);
 */
export interface HandlerStages {
  /** True when at least one guard runs (a refusal is then possible), for plugins that document it. */
  readonly hasGuards: boolean;
  run(request: CorbelRequest, call: () => unknown, extra?: Readonly<Record<string, unknown>>): Promise<unknown>;
}

export interface ResolvedHandlerStages {
  readonly controller: Constructor;
  readonly handler: string;
  readonly metadata: ReadonlyMap<MetadataKey, unknown>;
  readonly guards: readonly CanActivate[];
  readonly interceptors: readonly Interceptor[];
  readonly refused: () => unknown;
  readonly type: ExecutionContext['type'];
}

/** Composes resolved guards and interceptors into `HandlerStages`. */
export function composeHandlerStages(stages: ResolvedHandlerStages): HandlerStages {
  const { controller, handler, metadata, guards, interceptors, refused, type } = stages;
  const descriptor = { controller, handler, metadata };
  const route = `${controller.name}.${handler}`;
  return {
    hasGuards: guards.length > 0,
    async run(request, call, extra) {
      const context: ExecutionContext = new HandlerExecutionContext(type, request, descriptor, extra);
      if (guards.length > 0) {
        const pending = runGuards(guards, context, refused, route);
        if (pending) await pending;
      }
      let next = async () => call();
      for (let position = interceptors.length - 1; position >= 0; position--) {
        const interceptor = interceptors[position];
        const rest = next;
        next = async () => interceptor.intercept(context, callHandler(rest));
      }
      return next();
    },
  };
}
