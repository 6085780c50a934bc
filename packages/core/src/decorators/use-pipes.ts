// @UsePipes: registers pipes for every parameter of a controller's handlers, or of one handler.
import { defineUsePipes } from '../metadata/pipe-metadata';
import type { PipeReference } from '../pipes/pipe-transform';

/**
 * Runs pipes (classes, instantiated with injection, or instances) on each path, query, body and custom parameter:
 * global ones first, then the class's, then the method's, then the parameter's own. Headers and cookies get only
 * their own pipes, as in NestJS.
 * @example
 * @Controller('/cats') @UsePipes(new ValidationPipe({ forbidNonWhitelisted: true }))
 * class CatsController { @Post() create(@Body() dto: CreateCatDto) {} }
 */
export function UsePipes(...pipes: PipeReference[]): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    defineUsePipes(target, propertyKey === undefined ? undefined : String(propertyKey), pipes);
  };
}
