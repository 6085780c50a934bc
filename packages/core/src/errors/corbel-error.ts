// The error thrown when the framework is misused, carrying a stable code from the catalogue.
import type { ErrorCode } from './error-codes';

/**
 * Thrown by `createApp` when controllers, routes, parameters or filters are declared wrongly; the one misuse only a
 * request can show (a guard answering something other than a boolean) is raised then, and logged with its code.
 * @example
 * try { createApp({ controllers: [Broken] }); } catch (e) { if (e instanceof CorbelError) reportMisuse(e.code); }
 */
export class CorbelError extends Error {
  readonly code: ErrorCode;
  /** What the message names, as fields a log can be searched by (`{ guard: 'RolesGuard' }`); empty for most. */
  readonly details: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, details: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'CorbelError';
    this.code = code;
    this.details = details;
  }
}
