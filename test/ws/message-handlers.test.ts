// @SubscribeMessage gateways: the { event, data } envelope, parameters, DTOs, replies and lifecycle hooks.
import { CorbelError, createApp, HTTPException } from '@corbel/core';
import {
  ConnectedSocket,
  MessageBody,
  OnConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { IsInt, IsString, Min } from 'class-validator';
import { RecordingLogger } from '../support/recording-logger';
import { useWsApps } from './support/ws-app';
import { eventually } from './support/ws-client';

class MoveDto {
  @IsInt()
  @Min(0)
  x!: number;

  @IsString()
  label!: string;
}

/** A class used only as a type: no validators, so the data passes as it is (as for an HTTP body). */
class Note {
  text?: string;
}

@WebSocketGateway('/game/:id')
class GameGateway implements OnGatewayDisconnect {
  static disconnects: string[] = [];

  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown) {
    return data;
  }

  @SubscribeMessage('who')
  who(@ConnectedSocket() socket: WebSocketConnection, @MessageBody('name') name: string) {
    return { event: 'you-are', data: `${name} in ${socket.params.id}` };
  }

  @SubscribeMessage('move')
  async move(@MessageBody() move: MoveDto) {
    await new Promise((resolve) => setImmediate(resolve));
    return { instance: move instanceof MoveDto, x: move.x, label: move.label };
  }

  @SubscribeMessage('moves')
  moves(@MessageBody({ type: [MoveDto] }) moves: MoveDto[]) {
    return moves.map((move) => move.x);
  }

  @SubscribeMessage('note')
  note(@MessageBody() note: Note) {
    return { isNote: note instanceof Note, note };
  }

  @SubscribeMessage('quiet')
  quiet() {
    return undefined;
  }

  @SubscribeMessage('plain')
  plain(socket: WebSocketConnection, data: unknown) {
    return { path: socket.path, data };
  }

  @SubscribeMessage('boom')
  boom() {
    throw new Error('database password is hunter2');
  }

  @SubscribeMessage('http')
  http() {
    throw new HTTPException(418, 'teapot');
  }

  handleDisconnect(_socket: WebSocketConnection, code: number, reason: string) {
    GameGateway.disconnects.push(`${code}:${reason}`);
  }
}

describe('@SubscribeMessage gateways', () => {
  const start = useWsApps();
  beforeEach(() => {
    GameGateway.disconnects = [];
  });

  it('sends a returned value as { event: <subscribed event>, data: value }', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('echo', { a: [1, 2] });
    expect(await client.nextJson()).to.deep.equal({ event: 'echo', data: { a: [1, 2] } });
    await client.emit('echo', 'text');
    expect(await client.nextJson()).to.deep.equal({ event: 'echo', data: 'text' });
  });

  it('sends a returned { event, data } as is, with @ConnectedSocket and @MessageBody("field")', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('who', { name: 'ann' });
    expect(await client.nextJson()).to.deep.equal({ event: 'you-are', data: 'ann in 7' });
  });

  it('sends nothing for undefined, and keeps serving in order', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('quiet');
    await client.emit('echo', 1);
    expect(await client.nextJson()).to.deep.equal({ event: 'echo', data: 1 });
    expect(client.pending()).to.deep.equal([]);
  });

  it('without parameter decorators the handler gets (socket, data), as in NestJS', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/9');
    await client.emit('plain', 'x');
    expect(await client.nextJson()).to.deep.equal({ event: 'plain', data: { path: '/game/9', data: 'x' } });
  });

  it('validates a DTO body like an HTTP body and hands over the instance', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('move', { x: 3, label: 'a', extra: 'stripped' });
    expect(await client.nextJson()).to.deep.equal({ event: 'move', data: { instance: true, x: 3, label: 'a' } });
  });

  it('validates an array of DTOs declared with { type: [Dto] }, locating a failure by index', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('moves', [
      { x: 1, label: 'a' },
      { x: 2, label: 'b' },
    ]);
    expect(await client.nextJson()).to.deep.equal({ event: 'moves', data: [1, 2] });
    await client.emit('moves', [{ x: 1, label: 'a' }, { x: 'two' }]);
    expect((await client.waitClosed()).reason).to.match(/^Invalid body\.1\.x: /);
  });

  it('a parameter typed with a class that has no validators gets the data as it is', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('note', { text: 'hi', extra: 1 });
    expect(await client.nextJson()).to.deep.equal({
      event: 'note',
      data: { isNote: false, note: { text: 'hi', extra: 1 } },
    });
  });

  it('a DTO that fails closes with 1008 and a reason naming the first failing field', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('move', { x: -1, label: 'a' });
    const { code, reason } = await client.waitClosed();
    expect(code).to.equal(1008);
    expect(reason).to.match(/^Invalid body\.x: /);
    await eventually(() => GameGateway.disconnects.length === 1, 'handleDisconnect');
    expect(GameGateway.disconnects[0]).to.match(/^1008:Invalid body\.x/);
  });

  const badFrames: [string, string | Buffer, number][] = [
    ['a frame that is not JSON', '{oops', 1007],
    ['a JSON frame without a string event', JSON.stringify({ data: 1 }), 1007],
    ['a JSON array', '[1,2]', 1007],
    ['a binary frame', Buffer.from('{"event":"echo"}'), 1003],
    ['an event nobody subscribed to', JSON.stringify({ event: 'nope', data: 1 }), 1003],
    ['a frame trying prototype pollution', '{"event":"echo","__proto__":{"x":1}}', 1007],
  ];
  for (const [what, frame, code] of badFrames) {
    it(`${what} closes with ${code} through the filters (never silently dropped)`, async () => {
      const { connect } = await start({ gateways: [GameGateway] });
      const client = await connect('/game/7');
      await client.send(frame);
      expect((await client.waitClosed()).code).to.equal(code);
    });
  }

  it('any other error closes with 1011 "Internal Error", without details, and is logged', async () => {
    const logger = new RecordingLogger();
    const { connect } = await start({ gateways: [GameGateway], logger });
    const client = await connect('/game/7');
    await client.emit('boom');
    expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
    expect(logger.errorsText()).to.contain('hunter2');
    expect(logger.errorsText()).to.contain('GameGateway.boom');
  });

  it('an HTTPException in a message handler is an internal error over WebSocket (1011)', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.emit('http');
    expect((await client.waitClosed()).code).to.equal(1011);
  });

  it('handleDisconnect runs once with the client close code and reason', async () => {
    const { connect } = await start({ gateways: [GameGateway] });
    const client = await connect('/game/7');
    await client.close(4100, 'leaving');
    await eventually(() => GameGateway.disconnects.length === 1, 'handleDisconnect');
    expect(GameGateway.disconnects).to.deep.equal(['4100:leaving']);
  });
});

describe('gateway declarations checked at createApp', () => {
  function setupWith(gateways: unknown[]) {
    return () => createApp({ logger: false, plugins: [webSockets({ gateways: gateways as never[] })] });
  }

  function codeOf(run: () => unknown): string | undefined {
    try {
      run();
    } catch (error) {
      if (error instanceof CorbelError) return error.code;
      throw error;
    }
    return undefined;
  }

  it('refuses a class without @WebSocketGateway', () => {
    class NotAGateway {}
    expect(codeOf(setupWith([NotAGateway]))).to.equal('CORBEL_ERR_NOT_A_GATEWAY');
  });

  it('refuses a gateway mixing @OnConnection with @SubscribeMessage', () => {
    @WebSocketGateway('/mixed')
    class MixedGateway {
      @OnConnection()
      run() {}
      @SubscribeMessage('x')
      x() {}
    }
    expect(codeOf(setupWith([MixedGateway]))).to.equal('CORBEL_ERR_INVALID_GATEWAY');
  });

  it('refuses an event subscribed twice and a path served twice', () => {
    @WebSocketGateway('/twice')
    class TwiceGateway {
      @SubscribeMessage('x')
      a() {}
      @SubscribeMessage('x')
      b() {}
    }
    expect(codeOf(setupWith([TwiceGateway]))).to.equal('CORBEL_ERR_INVALID_GATEWAY');
    @WebSocketGateway('/rooms/:a')
    class A {}
    @WebSocketGateway('/rooms/:b/')
    class B {}
    expect(codeOf(setupWith([A, B]))).to.equal('CORBEL_ERR_DUPLICATE_ROUTE');
  });

  it('refuses options it cannot use', () => {
    const run = () => createApp({ logger: false, plugins: [webSockets({ gateways: [], maxPayload: -1 })] });
    expect(codeOf(run)).to.equal('CORBEL_ERR_INVALID_GATEWAY');
  });
});
