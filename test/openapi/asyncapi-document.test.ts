// The AsyncAPI 3.0 document of an app's gateways: channels, messages, replies, emitted events and close codes.
import {
  type CanActivate,
  Catch,
  createApp,
  type ExceptionFilter,
  HTTPUnauthorized,
  RequestValidationError,
  Returns,
  Throws,
  UseFilters,
  UseGuards,
  WebSocketException,
} from '@corbel/core';
import { type AsyncApiDocument, buildAsyncApiDocument, Doc } from '@corbel/openapi';
import {
  ConnectedSocket,
  Emits,
  MessageBody,
  OnConnection,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { IsInt, IsOptional, IsString, Length } from 'class-validator';
import { asyncApiProblems } from './support/validators';

class SayDto {
  @IsString() @Length(1, 500) text!: string;
}

class MessageDto {
  @IsString() name!: string;
  @IsString() text!: string;
}

class ErrorEventDto {
  @IsString() event!: string;
}

class HandshakeQuery {
  @IsString() @Doc({ description: 'Shown to the room' }) name!: string;
  @IsOptional() @IsInt() since?: number;
}

class AuthHeaders {
  @IsString() authorization!: string;
}

@Catch(RequestValidationError)
class BadMessageFilter implements ExceptionFilter {
  @Returns(ErrorEventDto, { description: 'The message was refused' })
  catch() {
    return { event: 'error' };
  }
}

const allow: CanActivate = { canActivate: () => true };

@WebSocketGateway('/rooms/:room')
@Doc({
  summary: 'Chat rooms',
  description: 'Talk in a room.',
  tags: ['chat'],
  query: HandshakeQuery,
  headers: AuthHeaders,
})
@Emits('message', MessageDto, 'Someone said something')
@UseFilters(BadMessageFilter)
class RoomsGateway {
  @Throws(HTTPUnauthorized, 'No session')
  handleConnection() {}

  @SubscribeMessage('say')
  @Returns(MessageDto)
  @UseGuards(allow)
  @Throws(4001, 'The room is read-only')
  @Doc({ summary: 'Say something', operationId: 'say', example: { text: 'hi' } })
  say(@MessageBody() message: SayDto, @ConnectedSocket() socket: WebSocketConnection) {
    return { name: socket.params.room, text: message.text };
  }

  @SubscribeMessage('members')
  members() {
    return [];
  }
}

@WebSocketGateway('/echo')
class EchoGateway {
  @OnConnection()
  @Throws(4000, 'Invalid message format')
  async run(socket: WebSocketConnection) {
    const message = await socket.receiveJson();
    if (typeof message !== 'object') throw new WebSocketException(4000, 'Invalid message format');
  }
}

describe('AsyncAPI document', () => {
  const app = createApp({ logger: false, plugins: [webSockets({ gateways: [RoomsGateway, EchoGateway] })] });
  const document: AsyncApiDocument = buildAsyncApiDocument(app, {
    info: { title: 'Chat', version: '1.0.0' },
    servers: [{ url: 'https://chat.example.com/api' }],
  });
  const rooms = document.channels.RoomsGateway;
  const echo = document.channels.EchoGateway;

  it('is valid AsyncAPI 3.0 (checked by @asyncapi/parser, no errors or warnings)', async () => {
    expect(document.asyncapi).to.equal('3.0.0');
    expect(await asyncApiProblems(document)).to.deep.equal([]);
  });

  it('has a channel per gateway path, with its parameters, and a wss server for an https one', () => {
    expect(rooms).to.deep.include({ address: '/rooms/{room}', summary: 'Chat rooms', parameters: { room: {} } });
    expect(rooms.tags).to.deep.equal([{ name: 'chat' }]);
    expect(echo.address).to.equal('/echo');
    expect(document.servers).to.deep.equal({
      default: { host: 'chat.example.com', protocol: 'wss', pathname: '/api' },
    });
  });

  it('documents the handshake query and headers a gateway declares as its ws binding', () => {
    expect(rooms.bindings.ws).to.deep.equal({
      method: 'GET',
      query: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Shown to the room' },
          since: { type: ['integer', 'null'] },
        },
        required: ['name'],
      },
      headers: { type: 'object', properties: { authorization: { type: 'string' } }, required: ['authorization'] },
      bindingVersion: '0.1.0',
    });
    expect(echo.bindings.ws).to.deep.equal({ method: 'GET', bindingVersion: '0.1.0' });
  });

  it('makes each @SubscribeMessage handler a receive operation of {event: const, data: <@MessageBody schema>}', () => {
    expect(rooms.messages.say).to.deep.equal({
      name: 'say',
      summary: 'Say something',
      contentType: 'application/json',
      payload: {
        type: 'object',
        properties: { event: { type: 'string', const: 'say' }, data: { $ref: '#/components/schemas/SayDto' } },
        required: ['event', 'data'],
      },
      examples: [{ payload: { event: 'say', data: { text: 'hi' } } }],
    });
    expect(rooms.messages.members.payload).to.deep.equal({
      type: 'object',
      properties: { event: { type: 'string', const: 'members' }, data: {} },
      required: ['event'],
    });
    expect(document.components.schemas.SayDto).to.deep.equal({
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 500 } },
      required: ['text'],
    });
  });

  it('gives a handler a reply from @Returns, and from the filter that answers its errors with a message', () => {
    expect(document.operations.say).to.deep.equal({
      action: 'receive',
      channel: { $ref: '#/channels/RoomsGateway' },
      summary: 'Say something',
      tags: [{ name: 'chat' }],
      messages: [{ $ref: '#/channels/RoomsGateway/messages/say' }],
      reply: {
        channel: { $ref: '#/channels/RoomsGateway' },
        messages: [
          { $ref: '#/channels/RoomsGateway/messages/say.reply' },
          { $ref: '#/channels/RoomsGateway/messages/BadMessageFilter.ErrorEventDto' },
        ],
      },
    });
    expect(rooms.messages['say.reply'].payload).to.deep.equal({
      type: 'object',
      properties: { event: { type: 'string', const: 'say' }, data: { $ref: '#/components/schemas/MessageDto' } },
      required: ['event', 'data'],
    });
    expect(rooms.messages['BadMessageFilter.ErrorEventDto']).to.deep.include({
      description: 'The message was refused',
      payload: { $ref: '#/components/schemas/ErrorEventDto' },
    });
    expect(document.operations.RoomsGateway_members).to.not.have.property('reply');
  });

  it('makes each @Emits a send operation', () => {
    expect(document.operations.RoomsGateway_emit_message).to.deep.equal({
      action: 'send',
      channel: { $ref: '#/channels/RoomsGateway' },
      description: 'Someone said something',
      tags: [{ name: 'chat' }],
      messages: [{ $ref: '#/channels/RoomsGateway/messages/message.emitted' }],
    });
  });

  it('lists the close codes, refusals and filter answers each gateway can produce in its description', () => {
    expect(rooms.description).to.equal(
      [
        'Talk in a room.',
        'Handshake refusals (an HTTP answer, no socket):\n\n- HTTP 401: No session (handleConnection)',
        'Close codes:\n\n' +
          [
            '- 1001: the server is shutting down (app.close())',
            '- 1002: a WebSocket protocol error',
            '- 1003: a binary frame, or an unknown event',
            '- 1007: invalid JSON, or a frame that is not {"event": string, "data": …}',
            '- 1008: a message guard refused (say)',
            '- 1009: a message over maxPayload',
            '- 1011: an unexpected error (say, members)',
            '- 4001: The room is read-only (say)',
          ].join('\n'),
        'Errors answered with a message (the connection stays open):\n\n' +
          '- a message that fails validation (say): answered by BadMessageFilter, which sends a message',
      ].join('\n\n'),
    );
    expect(echo.description).to.include('- 1000: the receive loop returned (run)');
    expect(echo.description).to.include('- 4000: Invalid message format (run)');
    expect(echo.description).to.not.include('1007');
  });

  it('leaves out a relative server URL, which names no host a WebSocket client could use', () => {
    const relative = buildAsyncApiDocument(app, { info: { title: 'Chat', version: '1' }, servers: [{ url: '/api' }] });
    expect(relative).to.not.have.property('servers');
    const both = buildAsyncApiDocument(app, {
      info: { title: 'Chat', version: '1' },
      servers: [{ url: '/api' }, { url: 'http://127.0.0.1:3000', description: 'local' }],
    });
    expect(both.servers).to.deep.equal({ server2: { host: '127.0.0.1:3000', protocol: 'ws', description: 'local' } });
  });

  it('has no channels for an app without gateways', () => {
    const empty = buildAsyncApiDocument(createApp({ logger: false }), { info: { title: 'None', version: '1' } });
    expect(empty.channels).to.deep.equal({});
    expect(empty.operations).to.deep.equal({});
  });
});
