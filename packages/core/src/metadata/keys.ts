// The metadata keys: namespaced symbols so no other library's metadata can collide with ours.

export const CONTROLLER = Symbol('corbel.controller');
export const ROUTES = Symbol('corbel.routes');
export const PARAMETERS = Symbol('corbel.parameters');
export const HTTP_CODE = Symbol('corbel.httpCode');
export const RESPONSE_HEADERS = Symbol('corbel.responseHeaders');
export const CATCH_KEYS = Symbol('corbel.catchKeys');
export const USE_FILTERS = Symbol('corbel.useFilters');
/** TypeScript's own key for constructor and method parameter types (emitDecoratorMetadata). */
export const DESIGN_PARAMTYPES = 'design:paramtypes';
