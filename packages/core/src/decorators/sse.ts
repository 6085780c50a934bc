// @Sse: declares a GET route whose handler's values are streamed to the client as Server-Sent Events.
import type { Constructor } from '../metadata/constructor';
import { defineRoute } from '../metadata/route-metadata';
import { defineSse, type SseOptions } from '../metadata/sse-metadata';

/**
 * Handles `GET` on the path by streaming `text/event-stream`: the handler returns an async iterable (an async
 * generator), an iterable or an Observable, and each value becomes one event. A `{ data, event?, id?, retry? }`
 * object is written field by field, a string as `data:` lines, anything else as `data: <JSON>`.
 * @example
 * @Sse('/ticks', { heartbeatMs: 30_000 })
 * async *ticks(@Headers('last-event-id') lastId?: string) {
 *   for (let n = Number(lastId ?? 0) + 1; ; n++) {
 *     await setTimeout(1000);
 *     yield { id: String(n), data: { n } };
 *   }
 * }
 */
export function Sse(path?: string, options?: SseOptions): MethodDecorator;
export function Sse(options: SseOptions): MethodDecorator;
export function Sse(path?: string | SseOptions, options?: SseOptions): MethodDecorator {
  const routePath = typeof path === 'string' ? path : '';
  const settings = typeof path === 'string' || path === undefined ? (options ?? {}) : path;
  return (target, propertyKey) => {
    const handlerName = String(propertyKey);
    defineRoute(target.constructor as Constructor, { method: 'GET', path: routePath, handlerName });
    defineSse(target, handlerName, settings);
  };
}
