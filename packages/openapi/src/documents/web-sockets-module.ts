// @corbel/ws is an optional peer: the AsyncAPI document has gateways only when the app can have them.
import type * as WebSockets from '@corbel/ws';

/**
 * `@corbel/ws`'s public exports, or undefined when it is not installed (an app without gateways).
 * @example loadWebSockets()?.describeGateways(app) ?? []
 */
export function loadWebSockets(): typeof WebSockets | undefined {
  try {
    return require('@corbel/ws') as typeof WebSockets;
  } catch (error) {
    const isMissing =
      (error as { code?: unknown }).code === 'MODULE_NOT_FOUND' &&
      String((error as Error).message).includes("'@corbel/ws'");
    if (isMissing) return undefined;
    throw error;
  }
}
