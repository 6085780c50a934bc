// The options of serveCluster(), checked once in every process that calls it.
import { availableParallelism } from 'node:os';
import { CorbelError } from '../errors/corbel-error';
import { type Logger, resolveLogger } from '../logging/logger';

/** How a crashed worker is restarted, and when the primary stops trying. */
export interface ClusterRestartOptions {
  /** Delay before restarting after a first crash, in ms (default 100); it doubles with each recent crash. */
  readonly initialDelayMs?: number;
  /** The longest delay before a restart, in ms (default 5,000). */
  readonly maxDelayMs?: number;
  /** Give up after this many crashes within `windowMs` (default 5): the cluster stops and exits with code 1. */
  readonly maxCrashes?: number;
  /** The window crashes are counted in, in ms (default 60,000). */
  readonly windowMs?: number;
}

/** Options of `serveCluster()`. */
export interface ClusterOptions {
  /** Worker processes (default `os.availableParallelism()`). */
  readonly workers?: number;
  /** The port every worker listens on (default 3000; the primary hands connections out). */
  readonly port?: number;
  /** The address to listen on (default 127.0.0.1). */
  readonly host?: string;
  readonly restart?: ClusterRestartOptions;
  /** How long a worker may take to close its app after SIGTERM before it is killed, in ms (default 30,000). */
  readonly shutdownTimeoutMs?: number;
  /** The primary's logger (pino-compatible), or `false`; the default writes to stderr. */
  readonly logger?: Logger | false;
}

export interface ClusterSettings {
  readonly workers: number;
  readonly port: number;
  readonly host: string;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxCrashes: number;
  readonly windowMs: number;
  readonly shutdownTimeoutMs: number;
  readonly logger: Logger;
}

const KNOWN = ['workers', 'port', 'host', 'restart', 'shutdownTimeoutMs', 'logger'];
const KNOWN_RESTART = ['initialDelayMs', 'maxDelayMs', 'maxCrashes', 'windowMs'];

function invalid(message: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_CLUSTER', `serveCluster(): ${message}`);
}

function integer(name: string, value: unknown, fallback: number, minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalid(`expected ${name} to be an integer from ${minimum} to ${maximum}, got ${String(value)}`);
  }
  return value;
}

function refuseUnknown(what: string, value: object, known: readonly string[]): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw invalid(`unknown ${what} ${unknown.join(', ')} (known: ${known.join(', ')})`);
}

/** The options with their defaults; anything it would not understand is refused with `CORBEL_ERR_INVALID_CLUSTER`. */
export function readClusterOptions(options: ClusterOptions): ClusterSettings {
  if (typeof options !== 'object' || options === null) throw invalid('expected an options object');
  refuseUnknown('option(s)', options, KNOWN);
  const restart = options.restart ?? {};
  if (typeof restart !== 'object' || restart === null) throw invalid('expected restart to be an object');
  refuseUnknown('restart option(s)', restart, KNOWN_RESTART);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.length === 0) throw invalid(`expected host to be a string, got ${String(host)}`);
  const initialDelayMs = integer('restart.initialDelayMs', restart.initialDelayMs, 100, 1);
  const maxDelayMs = integer('restart.maxDelayMs', restart.maxDelayMs, 5_000, initialDelayMs);
  return {
    workers: integer('workers', options.workers, availableParallelism(), 1, 1024),
    port: integer('port', options.port, 3000, 0, 65_535),
    host,
    initialDelayMs,
    maxDelayMs,
    maxCrashes: integer('restart.maxCrashes', restart.maxCrashes, 5, 1),
    windowMs: integer('restart.windowMs', restart.windowMs, 60_000, 1),
    shutdownTimeoutMs: integer('shutdownTimeoutMs', options.shutdownTimeoutMs, 30_000, 0),
    logger: resolveLogger(options.logger),
  };
}
