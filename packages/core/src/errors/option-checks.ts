// Start-up checks of option objects: an option Corbel would not read is refused, never ignored.
import { CorbelError } from './corbel-error';
import type { ErrorCode } from './error-codes';

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).slice(0, 80);
  if (typeof value === 'function') return value.name || 'a function';
  return String(value).slice(0, 80);
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
    throw new CorbelError(code, `${where}: expected an options object, got ${describe(options)}`);
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
    throw new CorbelError(code, `${where}: expected a whole number from ${minimum} up, got ${describe(value)}`);
  }
  return value;
}
