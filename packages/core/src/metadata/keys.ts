// The metadata keys: namespaced symbols so no other library's metadata can collide with ours.

export const CONTROLLER = Symbol('corbel.controller');
export const ROUTES = Symbol('corbel.routes');
export const PARAMETERS = Symbol('corbel.parameters');
export const HTTP_CODE = Symbol('corbel.httpCode');
export const RESPONSE_HEADERS = Symbol('corbel.responseHeaders');
export const CATCH_KEYS = Symbol('corbel.catchKeys');
export const USE_FILTERS = Symbol('corbel.useFilters');
export const INJECTABLE = Symbol('corbel.injectable');
export const INJECT_TOKENS = Symbol('corbel.injectTokens');
export const MODULE = Symbol('corbel.module');
export const USE_GUARDS = Symbol('corbel.useGuards');
export const USE_INTERCEPTORS = Symbol('corbel.useInterceptors');
export const USE_MIDDLEWARE = Symbol('corbel.useMiddleware');
export const CUSTOM_METADATA = Symbol('corbel.customMetadata');
export const CUSTOM_PARAMETERS = Symbol('corbel.customParameters');
/** TypeScript's own key for constructor and method parameter types (emitDecoratorMetadata). */
export const DESIGN_PARAMTYPES = 'design:paramtypes';
export const RETURNS = Symbol('corbel.returns');
export const THROWS = Symbol('corbel.throws');
export const SSE = Symbol('corbel.sse');
export const UPLOADS = Symbol('corbel.uploads');
export const USE_PIPES = Symbol('corbel.usePipes');
export const CORS = Symbol('corbel.cors');
export const VERSIONS = Symbol('corbel.versions');
export const SERIALIZE_OPTIONS = Symbol('corbel.serializeOptions');
