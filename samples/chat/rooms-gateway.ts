// Chat rooms at /rooms/:room?name=ann: `say` is broadcast as a `message` event; `joined`, `left` and `members` too.
import { HTTPBadRequest, UseFilters } from '@corbel/core';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
} from '@corbel/ws';
import { IsString, Length } from 'class-validator';
import { ChatErrorFilter } from './chat-error-filter';
import { nameOf, Rooms } from './rooms';

export class SayDto {
  @IsString()
  @Length(1, 500)
  text!: string;
}

@WebSocketGateway('/rooms/:room')
@UseFilters(ChatErrorFilter)
export class RoomsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  readonly #rooms = new Rooms();

  // Runs before the handshake completes: an empty name or one over 32 characters is refused with an HTTP 400 and no
  // socket is opened; without ?name= at all the member joins as 'anonymous'.
  handleConnection(socket: WebSocketConnection) {
    const name = nameOf(socket);
    if (name.length === 0 || name.length > 32) throw new HTTPBadRequest('name must be 1 to 32 characters');
    this.#rooms.join(socket.params.room, socket);
    this.#rooms.broadcast(socket.params.room, {
      event: 'joined',
      data: { name, members: this.#rooms.names(socket.params.room) },
    });
  }

  handleDisconnect(socket: WebSocketConnection) {
    this.#rooms.leave(socket.params.room, socket);
    this.#rooms.broadcast(socket.params.room, { event: 'left', data: { name: nameOf(socket) } });
  }

  @SubscribeMessage('say')
  say(@MessageBody() message: SayDto, @ConnectedSocket() socket: WebSocketConnection) {
    this.#rooms.broadcast(socket.params.room, { event: 'message', data: { name: nameOf(socket), text: message.text } });
  }

  @SubscribeMessage('members')
  members(@ConnectedSocket() socket: WebSocketConnection) {
    return this.#rooms.names(socket.params.room);
  }
}
