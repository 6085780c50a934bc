// PluginContext.stagesFor: a plugin (as @corbel/ws would for gateways) runs the same guards and interceptors.
import type { IncomingMessage } from 'node:http';
import {
  type CallNext,
  type CanActivate,
  CorbelRequest,
  createApp,
  type ExecutionContext,
  type HandlerStages,
  Injectable,
  type Interceptor,
  type PluginContext,
  SetMetadata,
  UseGuards,
  UseInterceptors,
  WebSocketException,
} from '@corbel/core';
import { expect } from 'chai';

@Injectable()
class Rooms {
  readonly open = new Set(['lobby']);
}

@Injectable()
class RoomGuard implements CanActivate {
  constructor(private readonly rooms: Rooms) {}
  canActivate(context: ExecutionContext) {
    return this.rooms.open.has(String(context.request.headers['x-room']));
  }
}

class EnvelopeInterceptor implements Interceptor {
  async intercept(context: ExecutionContext, next: CallNext) {
    return { event: context.getMetadata('event'), via: context.type, data: await next() };
  }
}

@UseGuards(RoomGuard)
class ChatGateway {
  @SetMetadata('event', 'said')
  @UseInterceptors(EnvelopeInterceptor)
  say(text: string) {
    return text.toUpperCase();
  }
}

function handshake(headers: Record<string, string>): CorbelRequest {
  return new CorbelRequest({ method: 'GET', url: '/chat', headers } as unknown as IncomingMessage, '/chat', '', {});
}

function stagesOf(setup: (context: PluginContext) => HandlerStages | null): HandlerStages | null {
  let stages: HandlerStages | null = null;
  createApp({
    providers: [Rooms],
    plugins: [
      {
        name: 'fake-ws',
        setup: (context) => {
          stages = setup(context);
        },
      },
    ],
    logger: false,
  });
  return stages;
}

describe('pipeline: guards and interceptors for plugin handlers', () => {
  it('runs the class guards (with injection) then the method interceptors around the call', async () => {
    const stages = stagesOf((context) => context.stagesFor(ChatGateway, 'say'));
    const gateway = new ChatGateway();
    expect(await stages?.run(handshake({ 'x-room': 'lobby' }), () => gateway.say('hi'))).to.deep.equal({
      event: 'said',
      via: 'ws',
      data: 'HI',
    });
  });

  it('a refusing guard throws the refusal the plugin chose, and the call does not run', async () => {
    const stages = stagesOf((context) =>
      context.stagesFor(ChatGateway, 'say', { refused: () => new WebSocketException(1008, 'Forbidden') }),
    );
    let called = false;
    const failure = await stages
      ?.run(handshake({ 'x-room': 'attic' }), () => {
        called = true;
      })
      .catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(WebSocketException).and.include({ code: 1008, reason: 'Forbidden' });
    expect(called).to.equal(false);
  });

  it('scopes select the declarations: the class guards alone for a handshake, null when nothing applies', async () => {
    const handshakeOnly = stagesOf((context) =>
      context.stagesFor(ChatGateway, 'handleConnection', { guards: ['class'], interceptors: [] }),
    );
    expect(await handshakeOnly?.run(handshake({ 'x-room': 'lobby' }), () => 'open')).to.equal('open');
    expect(
      stagesOf((context) => context.stagesFor(ChatGateway, 'say', { guards: [], interceptors: ['class'] })),
    ).to.equal(null);
  });

  it("the app's global stages join only where a scope lists 'global', before the class's", async () => {
    const order: string[] = [];
    const globalGuard: CanActivate = { canActivate: () => order.push('global') > 0 };
    @UseGuards({ canActivate: () => order.push('class') > 0 })
    class Plain {
      on() {}
    }
    let listed: HandlerStages | null = null;
    let unlisted: HandlerStages | null = null;
    createApp({
      guards: [globalGuard],
      plugins: [
        {
          name: 'fake-ws',
          setup: (context) => {
            listed = context.stagesFor(Plain, 'on', { guards: ['global', 'class'] });
            unlisted = context.stagesFor(Plain, 'on');
          },
        },
      ],
      logger: false,
    });
    await (listed as HandlerStages | null)?.run(handshake({}), () => undefined);
    await (unlisted as HandlerStages | null)?.run(handshake({}), () => undefined);
    expect(order).to.deep.equal(['global', 'class', 'class']);
  });

  it('extra fields (the connection, the message) join the context', async () => {
    let seen: unknown;
    class Spy {
      @UseGuards({
        canActivate: (context: ExecutionContext & { data?: unknown }) => {
          seen = context.data;
          return true;
        },
      })
      on() {}
    }
    const stages = stagesOf((context) => context.stagesFor(Spy, 'on'));
    await stages?.run(handshake({}), () => undefined, { data: { text: 'hello' } });
    expect(seen).to.deep.equal({ text: 'hello' });
  });
});
