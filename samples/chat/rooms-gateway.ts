// Chat rooms at /rooms/:room?name=ann, through the WebSocketHub: `say` is broadcast as a `message` event;
// `joined`, `left` and `members` too.
import { HTTPBadRequest, UseFilters } from '@corbel/core';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  WebSocketHub,
} from '@corbel/ws';
import { IsString, Length } from 'class-validator';
import { ChatErrorFilter } from './chat-error-filter';
import { NAME_MAX_LENGTH, TEXT_MAX_LENGTH } from './chat-rules';

export class SayDto {
  @IsString()
  @Length(1, TEXT_MAX_LENGTH)
  text!: string;
}

/** The name a member gave in the URL (`/rooms/lobby?name=ann`). */
export function nameOf(socket: WebSocketConnection): string {
  const { name } = socket.query;
  return typeof name === 'string' ? name : 'anonymous';
}

@WebSocketGateway('/rooms/:room')
@UseFilters(ChatErrorFilter)
export class RoomsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  constructor(private readonly hub: WebSocketHub) {}

  // Runs before the handshake completes: an empty name or one over 32 characters is refused with an HTTP 400 and no
  // socket is opened; without ?name= at all the member joins as 'anonymous'. What is sent to the room now reaches the
  // new member too, right after its handshake.
  handleConnection(socket: WebSocketConnection) {
    const name = nameOf(socket);
    if (name.length === 0 || name.length > NAME_MAX_LENGTH) {
      throw new HTTPBadRequest(`name must be 1 to ${NAME_MAX_LENGTH} characters`);
    }
    const { room } = socket.params;
    this.hub.join(socket, room);
    return this.hub
      .of(socket)
      .to(room)
      .emit('joined', { name, members: this.#members(socket) });
  }

  // The hub forgets a closed socket after this returns; leaving first keeps the announcement from going to it.
  handleDisconnect(socket: WebSocketConnection) {
    const { room } = socket.params;
    this.hub.leave(socket, room);
    return this.hub
      .of(socket)
      .to(room)
      .emit('left', { name: nameOf(socket) });
  }

  @SubscribeMessage('say')
  say(@MessageBody() message: SayDto, @ConnectedSocket() socket: WebSocketConnection) {
    const data = { name: nameOf(socket), text: message.text };
    return this.hub.of(socket).to(socket.params.room).emit('message', data);
  }

  @SubscribeMessage('members')
  members(@ConnectedSocket() socket: WebSocketConnection) {
    return this.#members(socket);
  }

  // The members connected to this process: with `npm run start:cluster`, the others are in the room all the same
  // (they get every message), but only hub.size() counts them.
  #members(socket: WebSocketConnection): string[] {
    return this.hub.of(socket).localSockets(socket.params.room).map(nameOf);
  }
}
