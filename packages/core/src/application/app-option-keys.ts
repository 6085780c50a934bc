// The options createApp reads, checked against AppOptions itself: an option nobody reads is refused, never ignored.
import { closestKey } from '../errors/closest-key';
import { CorbelError } from '../errors/corbel-error';
import type { AppOptions } from './app-options';

// A key added to AppOptions without being listed here fails the build (and one listed but gone does too).
const APP_OPTION_KEYS = {
  controllers: true,
  providers: true,
  imports: true,
  middleware: true,
  guards: true,
  interceptors: true,
  pipes: true,
  filters: true,
  logger: true,
  bodyLimit: true,
  validation: true,
  plugins: true,
  shutdownTimeoutMs: true,
  uploads: true,
  sse: true,
  cookies: true,
  cors: true,
  securityHeaders: true,
  compression: true,
  prefix: true,
  versioning: true,
  serialization: true,
  responseValidation: true,
} satisfies Record<keyof AppOptions, true>;

// What a root module declares itself; given next to one, they would be silently dropped.
const MODULE_KEYS = new Set(['controllers', 'providers', 'imports']);

/**
 * Refuses, at `createApp`, an options object with a key Corbel does not read (`controlers`), or, next to a root
 * module, the keys the module itself declares. `CORBEL_ERR_INVALID_OPTION`, naming the key.
 * @example checkAppOptions({ controlers: [UsersController] }, false) // throws: did you mean 'controllers'?
 */
export function checkAppOptions(options: unknown, isModular: boolean): void {
  const where = isModular ? 'createApp(AppModule, options)' : 'createApp(options)';
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CorbelError('CORBEL_ERR_INVALID_OPTION', `${where}: expected an options object, got ${typeof options}`);
  }
  const known = Object.keys(APP_OPTION_KEYS).filter((key) => !isModular || !MODULE_KEYS.has(key));
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    if (isModular && MODULE_KEYS.has(key)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_OPTION',
        `${where}: '${key}' belongs in the root module's @Module({ ${key} }), which declares what the app serves`,
      );
    }
    const guess = closestKey(key, known);
    throw new CorbelError(
      'CORBEL_ERR_INVALID_OPTION',
      `${where}: unknown option '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; the options are ${known.join(', ')}`,
    );
  }
}
