// Shared checks for feature options (cors, compression, serveStatic…): unknown keys and mistyped values are refused.
import { CorbelError } from './corbel-error';

/** Renders a value for an error message, short and on one line. */
export function describeValue(value: unknown): string {
  if (typeof value === 'function') return `a function ${value.name || '(anonymous)'}`;
  if (value instanceof RegExp) return String(value);
  let rendered: string;
  try {
    rendered = JSON.stringify(value) ?? String(value);
  } catch {
    rendered = Object.prototype.toString.call(value);
  }
  return rendered.length > 80 ? `${rendered.slice(0, 77)}...` : rendered;
}

/** A `CORBEL_ERR_INVALID_OPTION` saying where, what was expected and what was found. */
export function invalidOption(where: string, expected: string, found: unknown): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_OPTION', `${where}: expected ${expected}, got ${describeValue(found)}`);
}

/**
 * Refuses an options object that is not a plain object or has a key nobody reads: a typo must not be ignored.
 * @example refuseUnknownOptions('createApp({ compression })', options, ['threshold', 'encodings', 'level']);
 */
export function refuseUnknownOptions(where: string, options: unknown, allowed: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOption(where, 'an options object', options);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_OPTION',
        `${where}: unknown option '${key}'; expected one of ${allowed.map((name) => `'${name}'`).join(', ')}`,
      );
    }
  }
}
