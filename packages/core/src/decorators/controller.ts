// @Controller: marks a class as a group of routes under a path prefix.
import type { Constructor } from '../metadata/constructor';
import { defineController } from '../metadata/controller-metadata';

/**
 * Marks a class as a controller; its routes are mounted under `prefix`.
 * @example
 * @Controller('/users')
 * class UsersController {
 *   @Get('/:id') findOne(@Param('id') id: number) { return { id }; }
 * }
 */
export function Controller(prefix = ''): ClassDecorator {
  return (target) => {
    defineController(target as unknown as Constructor, { prefix });
  };
}
