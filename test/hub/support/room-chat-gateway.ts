// The /chat gateway the hub suites drive, in one process and (through the Redis fixture) across processes.
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
} from '@corbel/ws';

/** What a `say` frame carries: the room(s), the text, and whether the sender is left out. */
export interface SayData {
  readonly room: string | string[];
  readonly text: string;
  readonly exceptMe?: boolean;
}

/** join/leave answer the socket's rooms, say answers 'sent' once the hub took the message, size the room's size. */
@WebSocketGateway('/chat')
export class RoomChatGateway {
  /** The hub of the latest app built with this gateway, for tests to drive directly. */
  static hub: WebSocketHub;

  constructor(private readonly hub: WebSocketHub) {
    RoomChatGateway.hub = hub;
  }

  @SubscribeMessage('join')
  join(@MessageBody() room: unknown, @ConnectedSocket() socket: WebSocketConnection) {
    this.hub.join(socket, room as string);
    return this.hub.rooms(socket);
  }

  @SubscribeMessage('leave')
  leave(@MessageBody() room: unknown, @ConnectedSocket() socket: WebSocketConnection) {
    this.hub.leave(socket, room as string);
    return this.hub.rooms(socket);
  }

  @SubscribeMessage('say')
  async say(@MessageBody() data: SayData, @ConnectedSocket() socket: WebSocketConnection) {
    const target = this.hub.to(data.room);
    await (data.exceptMe ? target.except(socket) : target).emit('said', data.text);
    return 'sent';
  }

  @SubscribeMessage('size')
  size(@MessageBody() room: unknown) {
    return this.hub.size(room as string);
  }
}
