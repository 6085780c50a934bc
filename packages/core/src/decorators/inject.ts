// @Inject: names the token of a constructor parameter whose type cannot (an interface, a string, a config).
import type { InjectionToken } from '../injection/provider';
import type { Constructor } from '../metadata/constructor';
import { defineInjectToken } from '../metadata/injection-metadata';

/**
 * Injects the provider of `token` into this constructor parameter instead of resolving it by type.
 * @example
 * @Injectable()
 * class Mailer { constructor(@Inject('MAIL_CONFIG') private readonly config: MailConfig) {} }
 */
export function Inject(token: InjectionToken): ParameterDecorator {
  return (target, propertyKey, index) => {
    // Only constructors are injected; a method parameter is bound from the request by the other decorators.
    if (propertyKey !== undefined) return;
    defineInjectToken(target as Constructor, index, token);
  };
}
