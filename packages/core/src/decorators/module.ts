// @Module: groups controllers and providers, and says which providers other modules may use.
import type { Constructor } from '../metadata/constructor';
import { defineModule, type ModuleMetadata } from '../metadata/module-metadata';

/**
 * Declares a module: its classes see its own providers and what its imports export, as in NestJS.
 * @example
 * @Module({ imports: [DatabaseModule], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
 * class UsersModule {}
 */
export function Module(metadata: ModuleMetadata): ClassDecorator {
  return (target) => {
    defineModule(target as unknown as Constructor, metadata);
  };
}
