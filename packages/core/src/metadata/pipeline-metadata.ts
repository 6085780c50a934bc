// What @UseGuards, @UseInterceptors, @UseMiddleware and @SetMetadata record on a class or one of its methods.
import type { ExecutionContext, MetadataKey } from '../pipeline/execution-context';
import type { GuardReference } from '../pipeline/guard';
import type { InterceptorReference } from '../pipeline/interceptor';
import type { MiddlewareReference } from '../pipeline/middleware';
import { CUSTOM_METADATA, CUSTOM_PARAMETERS, USE_GUARDS, USE_INTERCEPTORS, USE_MIDDLEWARE } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** A custom parameter (createParamDecorator): the factory and the data it was given, by position. */
export interface CustomParameterDefinition {
  readonly index: number;
  readonly factory: (data: unknown, context: ExecutionContext) => unknown;
  readonly data: unknown;
  /** Arguments after `data`, as given: the pipes run on the value (checked at createApp). */
  readonly pipes?: readonly unknown[];
}

// Decorators run bottom-up: prepend so a stack of decorators keeps the order it is written in.
function prepend<T>(key: symbol, target: object, member: string | undefined, items: readonly T[]): void {
  const existing = readOwnMetadata<T[]>(key, target, member) ?? [];
  writeMetadata(key, [...items, ...existing], target, member);
}

/** `target` is a class (member undefined) or a prototype and a method name, as for every pair below. */
export function defineUseGuards(target: object, member: string | undefined, guards: readonly GuardReference[]): void {
  prepend(USE_GUARDS, target, member, guards);
}

export function readUseGuards(target: object, member?: string): readonly GuardReference[] {
  return readOwnMetadata<GuardReference[]>(USE_GUARDS, target, member) ?? [];
}

export function defineUseInterceptors(
  target: object,
  member: string | undefined,
  interceptors: readonly InterceptorReference[],
): void {
  prepend(USE_INTERCEPTORS, target, member, interceptors);
}

export function readUseInterceptors(target: object, member?: string): readonly InterceptorReference[] {
  return readOwnMetadata<InterceptorReference[]>(USE_INTERCEPTORS, target, member) ?? [];
}

export function defineUseMiddleware(
  target: object,
  member: string | undefined,
  middleware: readonly MiddlewareReference[],
): void {
  prepend(USE_MIDDLEWARE, target, member, middleware);
}

export function readUseMiddleware(target: object, member?: string): readonly MiddlewareReference[] {
  return readOwnMetadata<MiddlewareReference[]>(USE_MIDDLEWARE, target, member) ?? [];
}

export function defineCustomMetadata(
  target: object,
  member: string | undefined,
  key: MetadataKey,
  value: unknown,
): void {
  const values = new Map(readOwnMetadata<Map<MetadataKey, unknown>>(CUSTOM_METADATA, target, member));
  // Decorators run bottom-up, so the one written on top runs last and wins, as in NestJS.
  values.set(key, value);
  writeMetadata(CUSTOM_METADATA, values, target, member);
}

export function readCustomMetadata(target: object, member?: string): ReadonlyMap<MetadataKey, unknown> {
  return readOwnMetadata<Map<MetadataKey, unknown>>(CUSTOM_METADATA, target, member) ?? new Map();
}

export function defineCustomParameter(prototype: object, member: string, parameter: CustomParameterDefinition): void {
  const parameters = readOwnMetadata<CustomParameterDefinition[]>(CUSTOM_PARAMETERS, prototype, member) ?? [];
  writeMetadata(CUSTOM_PARAMETERS, [...parameters, parameter], prototype, member);
}

export function readCustomParameters(prototype: object, member: string): readonly CustomParameterDefinition[] {
  return readOwnMetadata<CustomParameterDefinition[]>(CUSTOM_PARAMETERS, prototype, member) ?? [];
}
