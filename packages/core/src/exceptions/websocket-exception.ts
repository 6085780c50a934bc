// Raised by application code to close a WebSocket with a code and reason (following genro-asgi).

/**
 * Throw from a gateway to close the connection with `code` and `reason`. Not validated here: the connection
 * cuts the reason to 123 UTF-8 bytes and turns a code that may not be sent into 1011.
 * @example throw new WebSocketException(4000, 'Invalid message format');
 */
export class WebSocketException extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code = 1000, reason = '') {
    super(reason);
    this.name = new.target.name;
    this.code = code;
    this.reason = reason;
  }
}
