// What the route decorators (@Get, @Post, …, @HttpCode, @Header) record, and how it is read back.
import type { Constructor } from './constructor';
import { HTTP_CODE, RESPONSE_HEADERS, ROUTES } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** The methods a route decorator can declare; `ALL` answers every method. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';

export interface RouteDefinition {
  readonly method: RouteMethod;
  readonly path: string;
  readonly handlerName: string;
}

export function defineRoute(controller: Constructor, route: RouteDefinition): void {
  const routes = readOwnMetadata<RouteDefinition[]>(ROUTES, controller) ?? [];
  writeMetadata(ROUTES, [...routes, route], controller);
}

export function readRoutes(controller: Constructor): readonly RouteDefinition[] {
  return readOwnMetadata<RouteDefinition[]>(ROUTES, controller) ?? [];
}

export function defineHttpCode(prototype: object, handlerName: string, status: number): void {
  writeMetadata(HTTP_CODE, status, prototype, handlerName);
}

export function readHttpCode(prototype: object, handlerName: string): number | undefined {
  return readOwnMetadata<number>(HTTP_CODE, prototype, handlerName);
}

export function defineResponseHeader(prototype: object, handlerName: string, name: string, value: string): void {
  const headers = readOwnMetadata<[string, string][]>(RESPONSE_HEADERS, prototype, handlerName) ?? [];
  // Decorators run bottom-up; prepend so headers keep the order they are written in.
  writeMetadata(RESPONSE_HEADERS, [[name, value], ...headers], prototype, handlerName);
}

export function readResponseHeaders(prototype: object, handlerName: string): readonly [string, string][] {
  return readOwnMetadata<[string, string][]>(RESPONSE_HEADERS, prototype, handlerName) ?? [];
}
