// What @Returns and @Throws record about a handler's answers, and how it is read back.
import type { AnyClass } from './constructor';
import { RETURNS, THROWS } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** A declared response type: a DTO class, or `[Dto]` for an array of them. */
export type ReturnsType = AnyClass | readonly [AnyClass];

/** One `@Returns` declaration, as recorded: the type, and the status and description it was given. */
export interface ReturnsDefinition {
  readonly type: ReturnsType;
  /** Absent: the route's success status (@HttpCode, else 201 for POST, else 200). */
  readonly status?: number;
  readonly description?: string;
}

/** What a handler declares it means to raise: a status or an error class. */
export interface ThrowsDefinition {
  readonly error: number | AnyClass<unknown>;
  readonly description?: string;
}

export function defineReturns(prototype: object, handlerName: string, definition: ReturnsDefinition): void {
  const declared = readOwnMetadata<ReturnsDefinition[]>(RETURNS, prototype, handlerName) ?? [];
  // Decorators run bottom-up; prepend so declarations keep the order they are written in.
  writeMetadata(RETURNS, [definition, ...declared], prototype, handlerName);
}

/**
 * The @Returns declarations of a method (a handler, a gateway method, a filter's `catch`), in the order they are
 * written; read-only, for plugins that document answers.
 * @example readReturns(NotFoundFilter.prototype, 'catch') // [{ type: NotFoundBody, status: 404 }]
 */
export function readReturns(prototype: object, handlerName: string): readonly ReturnsDefinition[] {
  return readOwnMetadata<ReturnsDefinition[]>(RETURNS, prototype, handlerName) ?? [];
}

export function defineThrows(prototype: object, handlerName: string, definition: ThrowsDefinition): void {
  const declared = readOwnMetadata<ThrowsDefinition[]>(THROWS, prototype, handlerName) ?? [];
  writeMetadata(THROWS, [definition, ...declared], prototype, handlerName);
}

/**
 * The @Throws declarations of a method, in the order they are written; read-only, for plugins that document errors.
 * @example readThrows(UsersController.prototype, 'findOne') // [{ error: HTTPNotFound, description: 'No such user' }]
 */
export function readThrows(prototype: object, handlerName: string): readonly ThrowsDefinition[] {
  return readOwnMetadata<ThrowsDefinition[]>(THROWS, prototype, handlerName) ?? [];
}
