// @Cors: CORS options for one controller or route, over the app's `cors` option.
import type { CorsOptions } from '../http/cors';
import { defineCors } from '../metadata/http-options-metadata';

/**
 * CORS for a controller or one route: its options are laid over the app's `cors` (the method's over the class's),
 * and turn CORS on for these routes even when the app has none. Checked at start-up like the app's.
 * @example
 * @Controller('/public') @Cors({ origin: '*' })
 * class PublicController { @Get('/me') @Cors({ origin: 'https://app.example.com', credentials: true }) me() {} }
 */
export function Cors(options: CorsOptions = {}): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    defineCors(target, propertyKey === undefined ? undefined : String(propertyKey), options);
  };
}
