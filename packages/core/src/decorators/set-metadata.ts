// @SetMetadata: attaches a value to a controller class or method, for guards and interceptors to read.
import { recordMetadata } from '../metadata/reflector';
import type { MetadataKey } from '../pipeline/execution-context';

/**
 * Records `value` under `key`; `context.getMetadata(key)` reads the method's value, else the class's, and
 * `reflector.get(key, context.getHandler())` or `reflector.get(key, context.getClass())` reads either.
 * @example
 * @Get('/audit') @SetMetadata('roles', ['admin']) audit() {}
 * // in a guard: context.getMetadata<string[]>('roles')
 */
export function SetMetadata(key: MetadataKey, value: unknown): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor) => {
    recordMetadata(target, propertyKey, descriptor, key, value);
  };
}
