// @Throws: an error a handler means to raise, for the API's documentation; it changes nothing at run time.
import type { AnyClass } from '../metadata/constructor';
import { defineThrows } from '../metadata/response-metadata';

/**
 * Declares that a handler may raise an error: a status, or an error class (an `HTTPException` subclass answers with
 * its status). Repeatable. The answer itself is still decided by the route's filters.
 * @example
 * @Get('/:id') @Throws(HTTPNotFound, 'No such user') @Throws(409) findOne(@Param('id') id: number) {}
 */
export function Throws(error: number | AnyClass<unknown>, description?: string): MethodDecorator {
  return (target, propertyKey) => {
    defineThrows(target, String(propertyKey), { error, description });
  };
}
