// The openapi package's metadata keys: namespaced symbols, distinct from core's and ws's, so nothing can collide.

export const DOC = Symbol('corbel.openapi.doc');
/** TypeScript's own key for a decorated property's declared type (emitDecoratorMetadata). */
export const DESIGN_TYPE = 'design:type';
