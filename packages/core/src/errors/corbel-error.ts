// The error thrown when the framework is misused, carrying a stable code from the catalogue.
import type { ErrorCode } from './error-codes';

/**
 * Thrown by `createApp` (never per request) when controllers, routes, parameters or filters are declared wrongly.
 * @example
 * try { createApp({ controllers: [Broken] }); } catch (e) { if (e instanceof CorbelError) reportMisuse(e.code); }
 */
export class CorbelError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CorbelError';
    this.code = code;
  }
}
