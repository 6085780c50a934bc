// @UseGuards: registers guards on a controller (or gateway) class or on one of its methods.
import { defineUseGuards } from '../metadata/pipeline-metadata';
import type { GuardReference } from '../pipeline/guard';

/**
 * Runs guards (classes, instantiated with injection, or instances) before the handler: global ones first, then
 * the class's, then the method's; the first to refuse stops the call.
 * @example
 * @Controller('/admin') @UseGuards(AuthGuard)
 * class AdminController { @Delete('/:id') @UseGuards(RolesGuard) remove(@Param('id') id: number) {} }
 */
export function UseGuards(...guards: GuardReference[]): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    defineUseGuards(target, propertyKey === undefined ? undefined : String(propertyKey), guards);
  };
}
