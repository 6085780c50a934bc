// The app-wide Server-Sent Events settings (`createApp({ sse })`), checked once at start-up.
import { checkOptionKeys, checkWholeNumber } from '../errors/option-checks';

/**
 * `createApp({ sse: { heartbeatMs } })`: defaults for every @Sse route, which its own options override.
 * @example createApp({ controllers: [EventsController], sse: { heartbeatMs: 30_000 } })
 */
export interface SseSettings {
  /** Milliseconds between `: ping` comments (default 15 000); 0 turns the heartbeat off. */
  readonly heartbeatMs?: number;
}

/** The settings every @Sse route starts from. */
export interface ResolvedSseSettings {
  readonly heartbeatMs: number;
}

const DEFAULT_HEARTBEAT_MS = 15_000;
const KEYS = ['heartbeatMs'];

/** Checks `createApp({ sse })`; an unknown key or an impossible value is `CORBEL_ERR_INVALID_OPTION`. */
export function resolveSseSettings(settings: SseSettings | undefined): ResolvedSseSettings {
  if (settings === undefined) return { heartbeatMs: DEFAULT_HEARTBEAT_MS };
  checkOptionKeys(settings, KEYS, 'CORBEL_ERR_INVALID_OPTION', 'createApp({ sse })');
  return {
    heartbeatMs: checkWholeNumber(
      settings.heartbeatMs,
      0,
      DEFAULT_HEARTBEAT_MS,
      'CORBEL_ERR_INVALID_OPTION',
      'createApp({ sse: { heartbeatMs } })',
    ),
  };
}

/** The heartbeat of one route: its @Sse option over the app's. Misuse is `CORBEL_ERR_INVALID_ROUTE_OPTION`. */
export function resolveRouteHeartbeat(options: unknown, settings: ResolvedSseSettings, where: string): number {
  checkOptionKeys(options, KEYS, 'CORBEL_ERR_INVALID_ROUTE_OPTION', where);
  return checkWholeNumber(
    options.heartbeatMs,
    0,
    settings.heartbeatMs,
    'CORBEL_ERR_INVALID_ROUTE_OPTION',
    `${where} (heartbeatMs)`,
  );
}
