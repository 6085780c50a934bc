// Reads the property types TypeScript emits (`design:type`), which class-transformer uses for implicit conversion.
import { readMetadata } from './reflect';

/** TypeScript's own key for a decorated property's declared type (emitDecoratorMetadata). */
const DESIGN_TYPE = 'design:type';

/**
 * The declared type of a decorated property (`Number` for `@IsInt() page: number`), looked up the way
 * class-transformer does (inherited through the prototype chain); undefined when TypeScript emitted none.
 * @example readDesignType(SearchQuery.prototype, 'page') // Number
 */
export function readDesignType(prototype: object, property: string): unknown {
  return readMetadata<unknown>(DESIGN_TYPE, prototype, property);
}
