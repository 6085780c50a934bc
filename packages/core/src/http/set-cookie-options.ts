// The options of request.setCookie: cookie's serialize options plus `signed`, checked so a typo is refused.
import type { SerializeOptions } from 'cookie';

/** How `request.setCookie` writes a cookie: `cookie`'s serialize options, and `signed` to sign its value. */
export interface SetCookieOptions {
  readonly httpOnly?: boolean;
  readonly secure?: boolean;
  readonly sameSite?: SerializeOptions['sameSite'];
  /** Seconds until the cookie expires (`Max-Age`). */
  readonly maxAge?: number;
  readonly expires?: Date;
  readonly path?: string;
  readonly domain?: string;
  readonly partitioned?: boolean;
  readonly priority?: SerializeOptions['priority'];
  /** Sign the value with the app's first `cookies.secret`; read it back with `@Cookie(name, { signed: true })`. */
  readonly signed?: boolean;
}

const ALLOWED = new Set<string>([
  'httpOnly',
  'secure',
  'sameSite',
  'maxAge',
  'expires',
  'path',
  'domain',
  'partitioned',
  'priority',
  'signed',
]);

/** Throws a `TypeError` naming the first option `cookie` would silently ignore. */
export function checkSetCookieOptions(name: string, options: SetCookieOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`request.setCookie('${name}'): expected an options object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!ALLOWED.has(key)) {
      throw new TypeError(
        `request.setCookie('${name}'): unknown option '${key}'; expected one of ${[...ALLOWED].join(', ')}`,
      );
    }
  }
}
