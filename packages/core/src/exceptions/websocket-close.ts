// The value a filter returns to close a WebSocket rather than send a message; the defaults use it.

/**
 * A filter's answer meaning "close this connection with `code` and `reason`". Over HTTP it has no meaning and
 * is treated as an internal error.
 * @example
 * @Catch(RateLimited) class RateLimitFilter { catch() { return new WebSocketClose(1008, 'Slow down'); } }
 */
export class WebSocketClose {
  constructor(
    readonly code: number,
    readonly reason = '',
  ) {}
}
