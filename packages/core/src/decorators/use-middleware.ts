// @UseMiddleware: registers middleware on a controller class (or one of its methods).
import { defineUseMiddleware } from '../metadata/pipeline-metadata';
import type { MiddlewareReference } from '../pipeline/middleware';

/**
 * Runs middleware (functions, classes instantiated with injection, or instances) first, after the app's global
 * middleware; their errors reach this controller's filters.
 * @example
 * @Controller('/reports') @UseMiddleware(async (request, next) => { audit(request.path); return next(); })
 * class ReportsController {}
 */
export function UseMiddleware(...middleware: MiddlewareReference[]): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    defineUseMiddleware(target, propertyKey === undefined ? undefined : String(propertyKey), middleware);
  };
}
