// The ws package's metadata keys: namespaced symbols, distinct from core's, so nothing can collide.

export const GATEWAY = Symbol('corbel.ws.gateway');
export const ON_CONNECTION = Symbol('corbel.ws.onConnection');
export const SUBSCRIPTIONS = Symbol('corbel.ws.subscriptions');
export const MESSAGE_PARAMETERS = Symbol('corbel.ws.messageParameters');
export const EMITS = Symbol('corbel.ws.emits');
/** TypeScript's own key for method parameter types (emitDecoratorMetadata). */
export const DESIGN_PARAMTYPES = 'design:paramtypes';
