// describeGateways(app) and @Emits: what @corbel/ws tells other plugins about the gateways an app serves.
import {
  type CanActivate,
  Catch,
  createApp,
  type ExceptionFilter,
  HTTPUnauthorized,
  Returns,
  Throws,
  UseFilters,
  UseGuards,
  WebSocketException,
} from '@corbel/core';
import {
  ConnectedSocket,
  describeGateways,
  Emits,
  MessageBody,
  OnConnection,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { IsString } from 'class-validator';
import { startupError } from '../support/startup-error';

class SayDto {
  @IsString() text!: string;
}

class SaidDto {
  @IsString() text!: string;
}

@Catch(WebSocketException)
class ErrorEventFilter implements ExceptionFilter {
  catch() {
    return { event: 'error' };
  }
}

const allow: CanActivate = { canActivate: () => true };

@WebSocketGateway('/rooms/:room/')
@Emits('joined', SaidDto, 'Someone entered')
@Emits('left', SaidDto)
@UseFilters(ErrorEventFilter)
class RoomsGateway {
  @Throws(HTTPUnauthorized, 'No session')
  handleConnection() {}

  @SubscribeMessage('say')
  @Returns(SaidDto)
  @Throws(4001, 'Room is read-only')
  @UseGuards(allow)
  say(@MessageBody() message: SayDto, @ConnectedSocket() socket: WebSocketConnection) {
    return { text: `${socket.params.room}: ${message.text}` };
  }

  @SubscribeMessage('whisper')
  whisper(@MessageBody('to') to: string) {
    return to;
  }
}

@WebSocketGateway('/echo')
class EchoGateway {
  @OnConnection()
  @Throws(4000, 'Invalid message format')
  async run(socket: WebSocketConnection) {
    await socket.close();
  }
}

describe('describeGateways', () => {
  const app = createApp({
    logger: false,
    plugins: [webSockets({ gateways: [RoomsGateway] }), webSockets({ gateways: [EchoGateway] })],
  });
  const [rooms, echo] = describeGateways(app);

  it('lists the gateways of every webSockets() plugin of the app, with their normalised paths', () => {
    expect(describeGateways(app).map(({ gateway, path }) => [gateway, path])).to.deep.equal([
      [RoomsGateway, '/rooms/:room'],
      [EchoGateway, '/echo'],
    ]);
  });

  it('describes each @SubscribeMessage handler: event, method, parameters, @Returns, @Throws, guards', () => {
    const [say, whisper] = rooms.handlers;
    expect(say).to.deep.include({ event: 'say', method: 'say', hasGuards: true });
    expect(say.parameters.map(({ index, source, field }) => ({ index, source, field }))).to.deep.equal([
      { index: 0, source: 'body', field: undefined },
      { index: 1, source: 'socket', field: undefined },
    ]);
    expect(say.parameters[0].type).to.equal(SayDto);
    expect(say.returns).to.deep.equal([{ type: SaidDto, status: undefined, description: undefined }]);
    expect(say.throws).to.deep.equal([{ error: 4001, description: 'Room is read-only' }]);
    expect(whisper).to.deep.include({ event: 'whisper', hasGuards: false });
    expect(whisper.parameters).to.deep.equal([{ index: 0, source: 'body', field: 'to', type: String }]);
  });

  it("gives each handler's filter table and the class's, which answer exactly as at run time", () => {
    expect(rooms.filters.resolve(new WebSocketException(1007, 'Invalid JSON')).name).to.equal('ErrorEventFilter');
    expect(rooms.handlers[0].filters.resolve(new Error('x')).name).to.equal('InternalErrorFilter');
  });

  it('describes the handshake and the receive loop with their @Throws', () => {
    expect(rooms.handshake).to.deep.include({ method: 'handleConnection', hasGuards: false });
    expect(rooms.handshake.throws).to.deep.equal([{ error: HTTPUnauthorized, description: 'No session' }]);
    expect(rooms.receiveLoop).to.equal(undefined);
    expect(echo.receiveLoop?.method).to.equal('run');
    expect(echo.receiveLoop?.throws).to.deep.equal([{ error: 4000, description: 'Invalid message format' }]);
    expect(echo.handlers).to.deep.equal([]);
  });

  it('lists @Emits in the order written', () => {
    expect(rooms.emits).to.deep.equal([
      { event: 'joined', type: SaidDto, description: 'Someone entered' },
      { event: 'left', type: SaidDto, description: undefined },
    ]);
  });

  it('is empty for an app without webSockets()', () => {
    expect(describeGateways(createApp({ logger: false }))).to.deep.equal([]);
  });

  it('refuses at start-up a @Throws code a gateway method may not close with (CORBEL_ERR_INVALID_GATEWAY)', () => {
    @WebSocketGateway('/bad')
    class BadGateway {
      @SubscribeMessage('x')
      @Throws(1006)
      x() {}
    }
    const error = startupError(() => createApp({ logger: false, plugins: [webSockets({ gateways: [BadGateway] })] }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_GATEWAY');
    expect(error.message).to.include('@Throws(1006) on BadGateway.x: expected a close code that may be sent');
  });

  it('accepts an HTTP status on the handshake method only, where it refuses the upgrade', () => {
    @WebSocketGateway('/guarded')
    class GuardedGateway {
      @Throws(401)
      handleConnection() {}

      @SubscribeMessage('x')
      @Throws(401)
      x() {}
    }
    const error = startupError(() =>
      createApp({ logger: false, plugins: [webSockets({ gateways: [GuardedGateway] })] }),
    );
    expect(error.message).to.include('@Throws(401) on GuardedGateway.x');
  });

  for (const [label, emits, message] of [
    ['an empty event', Emits('', SaidDto), 'expected a non-empty event name'],
    ['a data type that is not a class', Emits('x', 'SaidDto' as unknown as typeof SaidDto), 'expected the data'],
  ] as const) {
    it(`refuses @Emits with ${label} (CORBEL_ERR_INVALID_DOC)`, () => {
      @WebSocketGateway('/emitting')
      class EmittingGateway {}
      emits(EmittingGateway);
      const error = startupError(() =>
        createApp({ logger: false, plugins: [webSockets({ gateways: [EmittingGateway] })] }),
      );
      expect(error.code).to.equal('CORBEL_ERR_INVALID_DOC');
      expect(error.message).to.include(message);
    });
  }

  it('refuses an event declared twice with @Emits', () => {
    @WebSocketGateway('/twice')
    @Emits('joined', SaidDto)
    @Emits('joined', SayDto)
    class TwiceGateway {}
    const error = startupError(() => createApp({ logger: false, plugins: [webSockets({ gateways: [TwiceGateway] })] }));
    expect(error.message).to.equal(`@Emits("joined") on TwiceGateway: the event is declared twice`);
  });
});
