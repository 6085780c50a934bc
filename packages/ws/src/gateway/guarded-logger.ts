// A logger wrapper that never throws: the ws code logs from socket events and timers, where a throw would crash.
import type { Logger } from '@corbel/core';

type Level = keyof Logger;

/**
 * Wraps the app's logger so a failing `logger.error(...)` is swallowed instead of escaping an event listener.
 * @example const logger = guardLogger(context.logger); logger.debug({ err }, 'WebSocket protocol error');
 */
export function guardLogger(logger: Logger): Logger {
  const guard =
    (level: Level) =>
    (context: unknown, message?: string): void => {
      try {
        logger[level](context, message);
      } catch {
        // Nothing safer is left to report it with; the caller's own recovery still runs.
      }
    };
  return { error: guard('error'), warn: guard('warn'), info: guard('info'), debug: guard('debug') };
}
