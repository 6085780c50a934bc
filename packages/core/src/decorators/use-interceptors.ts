// @UseInterceptors: registers interceptors on a controller (or gateway) class or on one of its methods.
import { defineUseInterceptors } from '../metadata/pipeline-metadata';
import type { InterceptorReference } from '../pipeline/interceptor';

/**
 * Wraps the binding and the handler in interceptors: global ones outermost, then the class's, then the method's.
 * @example
 * @Controller('/users') @UseInterceptors(TimingInterceptor)
 * class UsersController { @Get() @UseInterceptors(new CacheInterceptor(60)) list() {} }
 */
export function UseInterceptors(...interceptors: InterceptorReference[]): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    defineUseInterceptors(target, propertyKey === undefined ? undefined : String(propertyKey), interceptors);
  };
}
