// Guards and interceptors on gateways: the handshake's guards, each message's guards and interceptors, injection.
import {
  type CallNext,
  type CanActivate,
  Catch,
  type Constructor,
  type ExceptionFilter,
  type ExecutionContext,
  HTTPUnauthorized,
  Inject,
  Injectable,
  type Interceptor,
  Module,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
  WebSocketException,
} from '@corbel/core';
import {
  MessageBody,
  OnConnection,
  type OnGatewayConnection,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  type WsExecutionContext,
} from '@corbel/ws';
import { expect } from 'chai';
import { IsString } from 'class-validator';
import { handshakeHeaders, sendUpgrade } from './support/upgrade-request';
import { useWsApps } from './support/ws-app';

const ROLES = 'roles';

@Injectable()
class Sessions {
  readonly #roles = new Map([
    ['Bearer ada', ['admin', 'member']],
    ['Bearer bob', ['member']],
  ]);
  rolesOf(authorization: string | undefined): string[] | undefined {
    return authorization === undefined ? undefined : this.#roles.get(authorization);
  }
}

/** The README's guard: 401 with a challenge without a session, false without a required role. */
@Injectable()
class AuthGuard implements CanActivate {
  constructor(private readonly sessions: Sessions) {}
  canActivate(context: ExecutionContext) {
    const roles = this.sessions.rolesOf(context.request.headers.authorization);
    if (!roles) throw new HTTPUnauthorized('Sign in', { 'WWW-Authenticate': 'Bearer realm="chat"' });
    const required = context.getMetadata<string[]>(ROLES) ?? [];
    return required.every((role) => roles.includes(role));
  }
}

class SayDto {
  @IsString()
  text!: string;
}

class KickDto {
  @IsString()
  who!: string;
}

@Catch(WebSocketException)
class ErrorEventFilter implements ExceptionFilter {
  catch(error: WebSocketException) {
    return { event: 'error', data: { code: error.code, reason: error.reason } };
  }
}

describe('guards and interceptors on gateways', () => {
  const start = useWsApps();

  describe('on the handshake', () => {
    const connected: string[] = [];

    @WebSocketGateway('/staff/:room')
    @UseGuards(AuthGuard)
    @SetMetadata(ROLES, ['admin'])
    class StaffGateway implements OnGatewayConnection {
      handleConnection(socket: WebSocketConnection) {
        connected.push(socket.params.room);
      }
      @SubscribeMessage('whoami')
      whoami() {
        return 'staff';
      }
    }

    beforeEach(() => {
      connected.length = 0;
    });

    it('a class guard that allows lets the handshake complete, after which handleConnection has run', async () => {
      const { connect } = await start({ gateways: [StaffGateway], providers: [Sessions] });
      const client = await connect('/staff/ops', { authorization: 'Bearer ada' });
      await client.emit('whoami');
      expect(await client.nextJson()).to.deep.equal({ event: 'whoami', data: 'staff' });
      expect(connected).to.deep.equal(['ops']);
    });

    it('a guard returning false refuses the upgrade with 403 {"detail":"Forbidden"}; handleConnection never runs', async () => {
      const { url } = await start({ gateways: [StaffGateway], providers: [Sessions] });
      const refusal = await sendUpgrade(url, '/staff/ops', handshakeHeaders({ authorization: 'Bearer bob' }));
      expect(refusal.status).to.equal(403);
      expect(refusal.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(JSON.parse(refusal.body)).to.deep.equal({ detail: 'Forbidden' });
      expect(connected).to.deep.equal([]);
    });

    it('a guard throwing HTTPUnauthorized refuses with 401, its WWW-Authenticate header and its detail', async () => {
      const { url } = await start({ gateways: [StaffGateway], providers: [Sessions] });
      const refusal = await sendUpgrade(url, '/staff/ops');
      expect(refusal.status).to.equal(401);
      expect(refusal.headers['www-authenticate']).to.equal('Bearer realm="chat"');
      expect(JSON.parse(refusal.body)).to.deep.equal({ detail: 'Sign in' });
      expect(connected).to.deep.equal([]);
    });

    it('the guard sees the handshake request, the gateway class, the connection and @SetMetadata of the class', async () => {
      const seen: Record<string, unknown>[] = [];
      @WebSocketGateway('/rooms/:room')
      @SetMetadata(ROLES, ['member'])
      @UseGuards({
        canActivate(context: WsExecutionContext) {
          seen.push({
            type: context.type,
            path: context.request.path,
            params: context.request.params,
            query: context.request.query,
            gateway: context.controller,
            handler: context.handler,
            roles: context.getMetadata(ROLES),
            room: context.connection.params.room,
            state: context.connection.state,
          });
          return true;
        },
      })
      class RoomsGateway {
        @SubscribeMessage('ping')
        ping() {
          return 'pong';
        }
      }
      const { connect } = await start({ gateways: [RoomsGateway] });
      const client = await connect('/rooms/lobby?name=ada');
      await client.emit('ping');
      expect(await client.nextJson()).to.deep.equal({ event: 'ping', data: 'pong' });
      // The class guard ran once, at the handshake: not again for the message.
      expect(seen).to.deep.equal([
        {
          type: 'ws',
          path: '/rooms/lobby',
          params: { room: 'lobby' },
          query: { name: 'ada' },
          gateway: RoomsGateway,
          handler: 'handleConnection',
          roles: ['member'],
          room: 'lobby',
          state: 'connecting',
        },
      ]);
    });

    it('the guards of a receive loop method run at the handshake too, with its @SetMetadata', async () => {
      @WebSocketGateway('/echo')
      class EchoGateway {
        @OnConnection()
        @UseGuards(AuthGuard)
        @SetMetadata(ROLES, ['admin'])
        async run(socket: WebSocketConnection) {
          await socket.sendText(await socket.receiveText());
        }
      }
      const { url, connect } = await start({ gateways: [EchoGateway], providers: [Sessions] });
      expect((await sendUpgrade(url, '/echo', handshakeHeaders({ authorization: 'Bearer bob' }))).status).to.equal(403);
      const client = await connect('/echo', { authorization: 'Bearer ada' });
      await client.send('hello');
      expect(await client.nextText()).to.equal('hello');
    });

    it('a guard throwing a WebSocketException completes the handshake and closes with its code', async () => {
      @WebSocketGateway('/full')
      @UseGuards({
        canActivate: () => {
          throw new WebSocketException(4008, 'Room full');
        },
      })
      class FullGateway {
        @SubscribeMessage('ping')
        ping() {
          return 'pong';
        }
      }
      const { connect } = await start({ gateways: [FullGateway] });
      const client = await connect('/full');
      expect(await client.waitClosed()).to.deep.equal({ code: 4008, reason: 'Room full' });
    });
  });

  describe('on @SubscribeMessage handlers', () => {
    const calls: string[] = [];

    // @SubscribeMessage is not inherited, so each gateway is its own class from this factory.
    function chatGateway(path: string): Constructor {
      @WebSocketGateway(path)
      class ChatGateway {
        @SubscribeMessage('say')
        say(@MessageBody() dto: SayDto) {
          calls.push(`say ${dto.text}`);
          return dto.text;
        }

        @SubscribeMessage('kick')
        @UseGuards(AuthGuard)
        @SetMetadata(ROLES, ['admin'])
        kick(@MessageBody() dto: KickDto) {
          calls.push(`kick ${dto.who}`);
          return `kicked ${dto.who}`;
        }
      }
      return ChatGateway;
    }

    const ChatGateway = chatGateway('/chat');
    // The same handlers, with a filter that reports refusals as an error event instead of a close.
    const FilteredChatGateway = chatGateway('/filtered-chat');
    UseFilters(ErrorEventFilter)(FilteredChatGateway);

    beforeEach(() => {
      calls.length = 0;
    });

    it('a method guard runs per message with the @SetMetadata of the method, and allows', async () => {
      const { connect } = await start({ gateways: [ChatGateway], providers: [Sessions] });
      const client = await connect('/chat', { authorization: 'Bearer ada' });
      await client.emit('kick', { who: 'bob' });
      expect(await client.nextJson()).to.deep.equal({ event: 'kick', data: 'kicked bob' });
    });

    it('a method guard returning false closes the connection 1008 "Forbidden"; the handler does not run', async () => {
      const { connect } = await start({ gateways: [ChatGateway], providers: [Sessions] });
      // 1. The handshake has no guard: bob connects. 2. His kick is refused by the method's guard.
      const client = await connect('/chat', { authorization: 'Bearer bob' });
      await client.emit('say', { text: 'hi' });
      expect(await client.nextJson()).to.deep.equal({ event: 'say', data: 'hi' });
      await client.emit('kick', { who: 'ada' });
      expect(await client.waitClosed()).to.deep.equal({ code: 1008, reason: 'Forbidden' });
      expect(calls).to.deep.equal(['say hi']);
    });

    it('with a WebSocketException class filter, a refused message is an error event and the connection stays open', async () => {
      const { connect } = await start({ gateways: [FilteredChatGateway], providers: [Sessions] });
      const client = await connect('/filtered-chat', { authorization: 'Bearer bob' });
      await client.emit('kick', { who: 'ada' });
      expect(await client.nextJson()).to.deep.equal({ event: 'error', data: { code: 1008, reason: 'Forbidden' } });
      await client.emit('say', { text: 'still here' });
      expect(await client.nextJson()).to.deep.equal({ event: 'say', data: 'still here' });
      expect(calls).to.deep.equal(['say still here']);
    });

    it('guards run before binding: an invalid body is refused as Forbidden, not reported as invalid', async () => {
      const { connect } = await start({ gateways: [ChatGateway], providers: [Sessions] });
      const client = await connect('/chat', { authorization: 'Bearer bob' });
      await client.emit('kick', { who: 42 });
      expect(await client.waitClosed()).to.deep.equal({ code: 1008, reason: 'Forbidden' });
    });

    it('an allowed message is still validated: its invalid body closes 1008 naming the field', async () => {
      const { connect } = await start({ gateways: [ChatGateway], providers: [Sessions] });
      const client = await connect('/chat', { authorization: 'Bearer ada' });
      await client.emit('kick', { who: 42 });
      const closed = await client.waitClosed();
      expect(closed.code).to.equal(1008);
      expect(closed.reason).to.match(/^Invalid body\.who: /);
    });

    it('an interceptor transforms the returned value, which is then sent; it sees the event and the raw data', async () => {
      class EnvelopeInterceptor implements Interceptor {
        async intercept(context: WsExecutionContext, next: CallNext) {
          return { event: `${context.event}:done`, data: { result: await next(), sent: context.data } };
        }
      }
      @WebSocketGateway('/wrapped')
      class WrappedGateway {
        @SubscribeMessage('say')
        @UseInterceptors(EnvelopeInterceptor)
        say(@MessageBody() dto: SayDto) {
          return dto.text.toUpperCase();
        }
      }
      const { connect } = await start({ gateways: [WrappedGateway] });
      const client = await connect('/wrapped');
      await client.emit('say', { text: 'hi' });
      expect(await client.nextJson()).to.deep.equal({
        event: 'say:done',
        data: { result: 'HI', sent: { text: 'hi' } },
      });
    });

    it('an interceptor short-circuits: its value is sent and neither binding nor the handler runs', async () => {
      const cached: Interceptor = { intercept: () => 'from cache' };
      @WebSocketGateway('/cached')
      class CachedGateway {
        @SubscribeMessage('say')
        @UseInterceptors(cached)
        say(@MessageBody() dto: SayDto) {
          calls.push(`say ${dto.text}`);
          return dto.text;
        }
      }
      const { connect } = await start({ gateways: [CachedGateway] });
      const client = await connect('/cached');
      await client.emit('say', { text: 42 });
      expect(await client.nextJson()).to.deep.equal({ event: 'say', data: 'from cache' });
      expect(calls).to.deep.equal([]);
    });

    it('an interceptor maps an error: the handler throws, the client gets the mapped close', async () => {
      class ErrorMapper implements Interceptor {
        async intercept(_context: ExecutionContext, next: CallNext) {
          try {
            return await next();
          } catch (error) {
            throw new WebSocketException(4000, `Refused: ${(error as Error).message}`);
          }
        }
      }
      @WebSocketGateway('/mapped')
      @UseInterceptors(ErrorMapper)
      class MappedGateway {
        @SubscribeMessage('divide')
        divide(@MessageBody('by') by: number) {
          if (by === 0) throw new RangeError('division by zero');
          return 12 / by;
        }
      }
      const { connect } = await start({ gateways: [MappedGateway] });
      const client = await connect('/mapped');
      await client.emit('divide', { by: 4 });
      expect(await client.nextJson()).to.deep.equal({ event: 'divide', data: 3 });
      await client.emit('divide', { by: 0 });
      expect(await client.waitClosed()).to.deep.equal({ code: 4000, reason: 'Refused: division by zero' });
    });

    it('class interceptors wrap every handler, outside the method ones (first listed outermost)', async () => {
      const tag = (name: string): Interceptor => ({
        intercept: async (_context, next) => `${name}(${String(await next())})`,
      });
      @WebSocketGateway('/tags')
      @UseInterceptors(tag('class'))
      class TagsGateway {
        @SubscribeMessage('a')
        @UseInterceptors(tag('outer'), tag('inner'))
        a() {
          return 'a';
        }
        @SubscribeMessage('b')
        b() {
          return 'b';
        }
      }
      const { connect } = await start({ gateways: [TagsGateway] });
      const client = await connect('/tags');
      await client.emit('a');
      expect(await client.nextJson()).to.deep.equal({ event: 'a', data: 'class(outer(inner(a)))' });
      await client.emit('b');
      expect(await client.nextJson()).to.deep.equal({ event: 'b', data: 'class(b)' });
    });

    it('interceptors wrap a receive loop too: one can map the error that ends it', async () => {
      @WebSocketGateway('/loop')
      @UseInterceptors({
        intercept: async (_context, next) => {
          try {
            return await next();
          } catch {
            throw new WebSocketException(4001, 'Loop failed');
          }
        },
      })
      class LoopGateway {
        @OnConnection()
        async run(socket: WebSocketConnection) {
          await socket.receiveText();
          throw new Error('internal detail');
        }
      }
      const { connect } = await start({ gateways: [LoopGateway] });
      const client = await connect('/loop');
      await client.send('go');
      expect(await client.waitClosed()).to.deep.equal({ code: 4001, reason: 'Loop failed' });
    });
  });

  describe('with injection and the app-wide stages', () => {
    const AUDIT = 'AUDIT';

    @Injectable()
    class AuditInterceptor implements Interceptor {
      constructor(@Inject(AUDIT) private readonly audit: string[]) {}
      async intercept(context: ExecutionContext, next: CallNext) {
        this.audit.push(`${context.type} ${context.controller.name}.${context.handler}`);
        return next();
      }
    }

    it('guards and interceptors given as classes get their dependencies injected', async () => {
      const audit: string[] = [];
      @WebSocketGateway('/audited')
      @UseInterceptors(AuditInterceptor)
      class AuditedGateway {
        @SubscribeMessage('kick')
        @UseGuards(AuthGuard)
        kick() {
          return 'done';
        }
      }
      const { connect } = await start({
        gateways: [AuditedGateway],
        providers: [Sessions, { provide: AUDIT, useValue: audit }],
      });
      const client = await connect('/audited', { authorization: 'Bearer bob' });
      await client.emit('kick');
      expect(await client.nextJson()).to.deep.equal({ event: 'kick', data: 'done' });
      expect(audit).to.deep.equal(['ws AuditedGateway.kick']);
    });

    it("a gateway's guards resolve in the module providing the gateway", async () => {
      @WebSocketGateway('/members')
      @UseGuards(AuthGuard)
      @SetMetadata(ROLES, ['member'])
      class MembersGateway {
        @SubscribeMessage('ping')
        ping() {
          return 'pong';
        }
      }
      // Sessions is visible in ChatModule only: AuthGuard must be made there, not in the root module.
      @Module({ providers: [Sessions, MembersGateway] })
      class ChatModule {}
      @Module({ imports: [ChatModule] })
      class AppModule {}
      const { url, connect } = await start({ module: AppModule, gateways: [MembersGateway] });
      expect((await sendUpgrade(url, '/members')).status).to.equal(401);
      const client = await connect('/members', { authorization: 'Bearer bob' });
      await client.emit('ping');
      expect(await client.nextJson()).to.deep.equal({ event: 'ping', data: 'pong' });
    });

    it('global guards run at the handshake and global interceptors around each message, as in NestJS', async () => {
      const audit: string[] = [];
      const guarded: string[] = [];
      const globalGuard: CanActivate = {
        canActivate: (context) => {
          guarded.push(`${context.type} ${context.handler}`);
          return context.request.headers['x-api-key'] === 'secret';
        },
      };
      @WebSocketGateway('/open')
      class OpenGateway {
        @SubscribeMessage('ping')
        ping() {
          return 'pong';
        }
      }
      const { url, connect } = await start({
        gateways: [OpenGateway],
        providers: [{ provide: AUDIT, useValue: audit }],
        guards: [globalGuard],
        interceptors: [AuditInterceptor],
      });
      expect((await sendUpgrade(url, '/open')).status).to.equal(403);
      const client = await connect('/open', { 'x-api-key': 'secret' });
      await client.emit('ping');
      await client.emit('ping');
      expect(await client.nextJson()).to.deep.equal({ event: 'ping', data: 'pong' });
      expect(await client.nextJson()).to.deep.equal({ event: 'ping', data: 'pong' });
      expect(guarded).to.deep.equal(['ws handleConnection', 'ws handleConnection']);
      expect(audit).to.deep.equal(['ws OpenGateway.ping', 'ws OpenGateway.ping']);
    });
  });
});
