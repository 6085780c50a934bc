// /echo, a receive loop (genro-asgi's pattern): an object with a string `text` is echoed; anything else closes 4000.
import { WebSocketException } from '@corbel/core';
import { OnConnection, type WebSocketConnection, WebSocketGateway } from '@corbel/ws';

function isValid(message: unknown): message is { text: string } {
  return typeof message === 'object' && message !== null && typeof (message as { text?: unknown }).text === 'string';
}

@WebSocketGateway('/echo')
export class EchoGateway {
  // Runs for the connection's lifetime; the client leaving ends it with WebSocketDisconnect, which is not an error.
  @OnConnection()
  async run(socket: WebSocketConnection) {
    while (true) {
      const message = await socket.receiveJson();
      if (!isValid(message)) throw new WebSocketException(4000, 'Invalid message format');
      await socket.sendJson(message);
    }
  }
}
