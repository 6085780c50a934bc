// @UseFilters: registers exception filters on a controller (or gateway) class or on one of its methods.
import { defineUseFilters, type FilterReference } from '../metadata/filter-metadata';

/**
 * Registers filters (classes or instances) for a class or one method. A method's entries override its class's
 * for the same key, which override the global ones; the most specific key still wins whatever its scope.
 * @example
 * @Controller('/orders') @UseFilters(OrderErrorFilter)
 * class OrdersController {
 *   @Post() @UseFilters(new PaymentFilter(gateway)) create() {}
 * }
 */
export function UseFilters(...filters: FilterReference[]): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    if (propertyKey === undefined) defineUseFilters(target, undefined, filters);
    else defineUseFilters(target, String(propertyKey), filters);
  };
}
