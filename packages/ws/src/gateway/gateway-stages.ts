// Which guards and interceptors run where in a gateway, composed once at createApp through core's stagesFor.
import { type Constructor, type HandlerStages, type PluginContext, WebSocketException } from '@corbel/core';

const POLICY_VIOLATION = 1008;

// A refused message cannot be answered with a status: the connection's own answer is a close, through the filters.
function refusedMessage(): WebSocketException {
  return new WebSocketException(POLICY_VIOLATION, 'Forbidden');
}

/**
 * The handshake's guards: the app's global ones, the class's, then those of `method` (handleConnection, or the
 * receive loop, which has no other moment to be guarded). A refusal is `HTTPForbidden`: the upgrade gets a 403.
 * @example const guards = handshakeStages(ChatGateway, 'handleConnection', context);
 */
export function handshakeStages(type: Constructor, method: string, context: PluginContext): HandlerStages | null {
  return context.stagesFor(type, method, { guards: ['global', 'class', 'method'], interceptors: [] });
}

/**
 * A @SubscribeMessage handler's stages: its own guards (the class's already ran at the handshake, on the same
 * request), and the global, class and method interceptors around binding and the handler.
 * @example const stages = messageStages(ChatGateway, 'say', context);
 */
export function messageStages(type: Constructor, method: string, context: PluginContext): HandlerStages | null {
  return context.stagesFor(type, method, {
    guards: ['method'],
    interceptors: ['global', 'class', 'method'],
    refused: refusedMessage,
  });
}

/**
 * The interceptors around a receive loop (its guards run at the handshake); what they return is not sent.
 * @example const stages = loopStages(EchoGateway, 'run', context);
 */
export function loopStages(type: Constructor, method: string, context: PluginContext): HandlerStages | null {
  return context.stagesFor(type, method, { guards: [], interceptors: ['global', 'class', 'method'] });
}
