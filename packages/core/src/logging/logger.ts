// The logger seam: anything pino-shaped, a silent one, or the default that writes to stderr.
import { inspect } from 'node:util';

type LogMethod = (context: unknown, message?: string) => void;

/** Any object with pino-style methods: `logger.error({ err }, 'message')`. */
export interface Logger {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
}

function writeLine(level: string, context: unknown, message?: string): void {
  const details = context instanceof Error || typeof context !== 'object' ? { err: context } : context;
  let rendered: string;
  try {
    rendered = inspect(details, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
  } catch {
    // inspect reads an error's stack, name and message; a hostile error can make those throw. Keep the line.
    rendered = '(the logged value could not be rendered)';
  }
  process.stderr.write(`[corbel] ${level} ${message ?? ''} ${rendered}\n`);
}

/** The default logger: one line per event on stderr; debug is dropped. */
export const stderrLogger: Logger = {
  error: (context, message) => writeLine('ERROR', context, message),
  warn: (context, message) => writeLine('WARN', context, message),
  info: (context, message) => writeLine('INFO', context, message),
  debug: () => {},
};

const ignore = () => {};
/** The logger used for `logger: false`. */
export const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };

/** `undefined` → stderr, `false` → silent, an object → used as is. */
export function resolveLogger(option: Logger | false | undefined): Logger {
  if (option === false) return silentLogger;
  return option ?? stderrLogger;
}
