// Start-up checks of option objects (createApp's features, serveStatic, @Sse…): an option nobody reads is refused.
import { CorbelError } from './corbel-error';
import type { ErrorCode } from './error-codes';

/** Renders an option's value for an error message, short and on one line, as it was written. */
function renderValue(value: unknown): string {
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

/**
 * Throws `code` when `options` is not a plain object or has a key outside `known`, naming the key and the
 * ones that are understood. `where` says who was given the options (`@Sse on EventsController.ticks`).
 * @example checkOptionKeys({ heartbeat: 1 }, ['heartbeatMs'], 'CORBEL_ERR_INVALID_ROUTE_OPTION', '@Sse on A.b');
 */
export function checkOptionKeys(
  options: unknown,
  known: readonly string[],
  code: ErrorCode,
  where: string,
): asserts options is Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CorbelError(code, `${where}: expected an options object, got ${renderValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new CorbelError(code, `${where}: unknown option '${key}'; the options are ${known.join(', ')}`);
    }
  }
}

/**
 * Throws `code` unless `value` is undefined or a whole number from `minimum` up; returns it (or `fallback`).
 * @example const fileSize = checkWholeNumber(uploads.fileSize, 1, 10_485_760, code, 'uploads.fileSize');
 */
export function checkWholeNumber(
  value: unknown,
  minimum: number,
  fallback: number,
  code: ErrorCode,
  where: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    throw new CorbelError(code, `${where}: expected a whole number from ${minimum} up, got ${renderValue(value)}`);
  }
  return value;
}

/**
 * A `CORBEL_ERR_INVALID_OPTION` saying where, what was expected and what was found.
 * @example throw invalidOption('createApp({ cors: { maxAge } })', 'a whole number of seconds', -1);
 */
export function invalidOption(where: string, expected: string, found: unknown): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_OPTION', `${where}: expected ${expected}, got ${renderValue(found)}`);
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
