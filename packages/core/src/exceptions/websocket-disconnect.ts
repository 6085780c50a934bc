// Raised by the framework when a receive finds the client gone: a signal for cleanup, not an error.

/**
 * The client closed the connection (or it dropped: code 1006). Catch it to clean up; letting it escape a
 * gateway method is a normal end and is not logged.
 * @example
 * try { await socket.receiveText(); } catch (error) {
 *   if (error instanceof WebSocketDisconnect) rooms.leave(socket);
 * }
 */
export class WebSocketDisconnect extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code = 1000, reason = '') {
    super(`WebSocket disconnected with code ${code}`);
    this.name = new.target.name;
    this.code = code;
    this.reason = reason;
  }
}
