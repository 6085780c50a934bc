// What @Sse records on a method: that it streams Server-Sent Events, and its options exactly as written.
import { SSE } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** `@Sse(path, options)`: how one event stream behaves. */
export interface SseOptions {
  /** Milliseconds between `: ping` comments that keep proxies from closing an idle stream; 0 turns them off. */
  readonly heartbeatMs?: number;
}

export function defineSse(prototype: object, handlerName: string, options: SseOptions): void {
  writeMetadata(SSE, options, prototype, handlerName);
}

/** The options of an @Sse method as written (checked at start-up), or undefined when the method does not stream. */
export function readSse(prototype: object, handlerName: string): SseOptions | undefined {
  return readOwnMetadata<SseOptions>(SSE, prototype, handlerName);
}
