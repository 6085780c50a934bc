// @Injectable: marks a class as a provider whose constructor parameters are injected by type.
import type { ProviderScope } from '../injection/provider';
import type { Constructor } from '../metadata/constructor';
import { defineInjectable } from '../metadata/injection-metadata';

/**
 * Marks a class for injection (TypeScript then emits its constructor types); one instance per app unless
 * `scope: 'transient'` asks for a new one per injection.
 * @example
 * @Injectable()
 * class UsersService { constructor(private readonly repository: UsersRepository) {} }
 */
export function Injectable(options: { scope?: ProviderScope } = {}): ClassDecorator {
  return (target) => {
    defineInjectable(target as unknown as Constructor, { scope: options.scope });
  };
}
