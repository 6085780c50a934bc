// Signs and checks cookie values with the app's secrets (cookie-signature: HMAC-SHA256, constant-time comparison).
import { invalidOption, refuseUnknownOptions } from '../errors/option-checks';

/** `createApp({ cookies })`: the secrets signed cookies use. */
export interface CookieSettings {
  /** One secret, or several to rotate: new cookies are signed with the first, a cookie signed by any is accepted. */
  readonly secret: string | readonly string[];
}

const WHERE = 'createApp({ cookies })';

/**
 * The app's cookie signer. A value is signed as `value.signature` (no prefix, as @fastify/cookie does).
 * @example const signer = CookieSigner.from({ secret: ['new', 'old'] }); signer.unsign(signer.sign('7')); // '7'
 */
export class CookieSigner {
  readonly #secrets: readonly string[];
  readonly #signature: typeof import('cookie-signature');

  private constructor(secrets: readonly string[]) {
    this.#secrets = secrets;
    // Loaded only for an app with a cookie secret (it pulls in node:crypto).
    this.#signature = require('cookie-signature') as typeof import('cookie-signature');
  }

  /** Checks `createApp`'s `cookies` option at start-up; undefined when the app signs no cookies. */
  static from(settings: CookieSettings | undefined): CookieSigner | undefined {
    if (settings === undefined) return undefined;
    refuseUnknownOptions(WHERE, settings, ['secret']);
    const secrets = typeof settings.secret === 'string' ? [settings.secret] : settings.secret;
    if (!Array.isArray(secrets) || secrets.length === 0 || !secrets.every((s) => typeof s === 'string' && s !== '')) {
      throw invalidOption(`${WHERE}.secret`, 'a non-empty string or a non-empty array of them', settings.secret);
    }
    return new CookieSigner([...secrets]);
  }

  /** `value` signed with the first secret. */
  sign(value: string): string {
    return this.#signature.sign(value, this.#secrets[0]);
  }

  /** The value a signed cookie carries when one of the secrets signed it; undefined for a tampered or bare value. */
  unsign(signed: string): string | undefined {
    if (!signed.includes('.')) return undefined;
    for (const secret of this.#secrets) {
      const value = this.#signature.unsign(signed, secret);
      if (value !== false) return value;
    }
    return undefined;
  }
}
