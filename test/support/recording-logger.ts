// A logger that remembers what it was told, so tests can assert the logger (not the client) got the internals.
import type { Logger } from '@corbel/core';

export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug';
  context: unknown;
  message: string | undefined;
}

export class RecordingLogger implements Logger {
  readonly records: LogRecord[] = [];

  error = (context: unknown, message?: string) => this.#push('error', context, message);
  warn = (context: unknown, message?: string) => this.#push('warn', context, message);
  info = (context: unknown, message?: string) => this.#push('info', context, message);
  debug = (context: unknown, message?: string) => this.#push('debug', context, message);

  #push(level: LogRecord['level'], context: unknown, message?: string): void {
    this.records.push({ level, context, message });
  }

  /** The error-level records, as text, for loose matching. */
  errorsText(): string {
    return this.records
      .filter((record) => record.level === 'error')
      .map((record) => `${record.message} ${inspectContext(record.context)}`)
      .join('\n');
  }
}

function inspectContext(context: unknown): string {
  if (typeof context !== 'object' || context === null) return String(context);
  return Object.entries(context)
    .map(
      ([key, value]) =>
        `${key}=${value instanceof Error ? `${value.name}: ${value.message}\n${value.stack}` : String(value)}`,
    )
    .join(' ');
}
