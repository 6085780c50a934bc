// @HttpCode and @Header: the status and static headers of a route's successful responses.
import { defineHttpCode, defineResponseHeader } from '../metadata/route-metadata';

/**
 * Sets the status of the route's successful responses (default 200, 201 for POST, 204 for an empty result).
 * @example @Post() @HttpCode(202) enqueue(@Body() job: JobDto) { return { queued: true }; }
 */
export function HttpCode(status: number): MethodDecorator {
  return (target, propertyKey) => {
    defineHttpCode(target, String(propertyKey), status);
  };
}

/**
 * Adds a header to the route's successful responses; may be repeated.
 * @example @Get() @Header('Cache-Control', 'max-age=60') list() { return []; }
 */
export function Header(name: string, value: string): MethodDecorator {
  return (target, propertyKey) => {
    defineResponseHeader(target, String(propertyKey), name, value);
  };
}
