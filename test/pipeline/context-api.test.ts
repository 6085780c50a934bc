// The context API NestJS code calls: ExecutionContext's and ArgumentsHost's methods, and Reflector everywhere.
import { ServerResponse } from 'node:http';
import {
  type ArgumentsHost,
  type CanActivate,
  Catch,
  Controller,
  CorbelRequest,
  createApp,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  HTTPNotFound,
  Injectable,
  Module,
  Reflector,
  SetMetadata,
  UseFilters,
  UseGuards,
  WebSocketException,
} from '@corbel/core';
import { SubscribeMessage, type WebSocketConnection, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { useWsApps } from '../ws/support/ws-app';

const Roles = Reflector.createDecorator<string[]>();
const Tags = Reflector.createDecorator<string, string[]>({ key: 'tags', transform: (tag) => [tag] });

/** What a guard saw of its context, for the test to assert. */
const seen: Record<string, unknown>[] = [];

@Injectable()
class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const ws = context.switchToWs();
    seen.push({
      type: context.getType(),
      controller: context.getClass(),
      handler: context.getHandler(),
      request: http.getRequest(),
      isResponse: http.getResponse() instanceof ServerResponse,
      next: http.getNext(),
      args: context.getArgs().length,
      firstArg: context.getArgByIndex(0),
      client: ws.getClient(),
      roles: this.reflector.get(Roles, context.getHandler()),
      override: this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()]),
      merged: this.reflector.getAllAndMerge(Tags, [context.getHandler(), context.getClass()]),
      byKey: this.reflector.get<string>('owner', context.getClass()),
      corbelStyle: context.getMetadata('owner'),
    });
    const roles = this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    return roles.includes(String(http.getRequest().headers['x-role']));
  }
}

@Controller('/cats')
@UseGuards(RolesGuard)
@Roles(['member'])
@Tags('cats')
@SetMetadata('owner', 'ada')
class CatsController {
  @Get('/admin')
  @Roles(['admin'])
  @Tags('admin')
  admin() {
    return { ok: true };
  }

  @Get()
  list() {
    return [];
  }
}

describe('context API: ExecutionContext', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it("gives a guard NestJS's methods over the HTTP call, and Reflector reads createDecorator values", async () => {
    const app = createApp({ controllers: [CatsController], logger: false });
    const response = await app.inject({ url: '/cats/admin', headers: { 'x-role': 'admin' } });
    expect(response.statusCode).to.equal(200);
    const [context] = seen;
    expect(context.type).to.equal('http');
    expect(context.controller).to.equal(CatsController);
    expect(context.handler).to.equal(CatsController.prototype.admin);
    expect(context.request).to.be.instanceOf(CorbelRequest);
    expect((context.request as CorbelRequest).path).to.equal('/cats/admin');
    expect(context.isResponse).to.equal(true);
    expect(context.next).to.equal(undefined);
    expect(context.args).to.equal(2);
    expect(context.firstArg).to.equal(context.request);
    expect(context.client).to.equal(undefined);
    expect(context.roles).to.deep.equal(['admin']);
    expect(context.override).to.deep.equal(['admin']);
    expect(context.merged).to.deep.equal(['admin', 'cats']);
    expect(context.byKey).to.equal('ada');
    expect(context.corbelStyle).to.equal('ada');
  });

  it("getAllAndOverride falls back to the class's value; a refusing answer is 403", async () => {
    const app = createApp({ controllers: [CatsController], logger: false });
    expect((await app.inject({ url: '/cats', headers: { 'x-role': 'member' } })).statusCode).to.equal(200);
    expect(seen[0].roles).to.equal(undefined);
    expect(seen[0].override).to.deep.equal(['member']);
    expect((await app.inject({ url: '/cats/admin', headers: { 'x-role': 'member' } })).statusCode).to.equal(403);
  });

  it('injects Reflector in any module without it being provided', async () => {
    @Injectable()
    class Inspector {
      constructor(readonly reflector: Reflector) {}
    }
    @Controller('/inspect')
    class InspectController {
      constructor(
        private readonly inspector: Inspector,
        private readonly reflector: Reflector,
      ) {}
      @Get() inspect() {
        return {
          injected: this.reflector instanceof Reflector,
          shared: this.inspector.reflector === this.reflector,
          owner: this.reflector.get('owner', CatsController),
        };
      }
    }
    @Module({ providers: [Inspector], exports: [Inspector] })
    class InspectorModule {}
    @Module({ imports: [InspectorModule], controllers: [InspectController] })
    class AppModule {}
    const response = await createApp(AppModule, { logger: false }).inject('/inspect');
    expect(response.json()).to.deep.equal({ injected: true, shared: true, owner: 'ada' });
  });
});

describe('context API: ArgumentsHost', () => {
  it('gives an HTTP filter getType(), switchToHttp() with the request and the response, and getArgs()', async () => {
    const hosts: Record<string, unknown>[] = [];
    @Catch(HTTPNotFound)
    class NotFoundFilter implements ExceptionFilter {
      catch(_error: HTTPNotFound, host: ArgumentsHost) {
        const http = host.switchToHttp();
        hosts.push({
          type: host.getType(),
          path: http.getRequest<CorbelRequest>().path,
          isResponse: http.getResponse() instanceof ServerResponse,
          args: host.getArgs().length,
          pattern: host.switchToWs().getPattern(),
        });
        return { missing: http.getRequest<CorbelRequest>().path };
      }
    }
    @Controller('/dogs')
    @UseFilters(NotFoundFilter)
    class DogsController {
      @Get('/:id')
      find() {
        throw new HTTPNotFound();
      }
    }
    const response = await createApp({ controllers: [DogsController], logger: false }).inject('/dogs/3');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ missing: '/dogs/3' });
    expect(hosts).to.deep.equal([{ type: 'http', path: '/dogs/3', isResponse: true, args: 2, pattern: undefined }]);
  });
});

describe('context API: WebSocket', () => {
  const start = useWsApps();

  it('tells a gateway filter which event failed: switchToWs().getPattern(), getData(), getClient()', async () => {
    const failures: Record<string, unknown>[] = [];
    @Catch(WebSocketException)
    class EventFilter implements ExceptionFilter {
      catch(error: WebSocketException, host: ArgumentsHost) {
        const ws = host.switchToWs();
        failures.push({
          type: host.getType(),
          pattern: ws.getPattern(),
          data: ws.getData(),
          isClient: ws.getClient() === (host.type === 'ws' ? host.connection : null),
          request: host.switchToHttp().getRequest(),
        });
        return { event: 'error', data: { failed: ws.getPattern(), reason: error.reason } };
      }
    }
    @WebSocketGateway('/chat')
    @UseFilters(EventFilter)
    class ChatGateway {
      @SubscribeMessage('say')
      say() {
        throw new WebSocketException(4000, 'Muted');
      }
    }
    const { connect } = await start({ gateways: [ChatGateway] });
    const client = await connect('/chat');
    await client.emit('say', { text: 'hi' });
    expect(await client.nextJson()).to.deep.equal({ event: 'error', data: { failed: 'say', reason: 'Muted' } });
    expect(failures).to.deep.equal([
      { type: 'ws', pattern: 'say', data: { text: 'hi' }, isClient: true, request: undefined },
    ]);
  });

  it("gives a gateway's guard switchToWs() with the connection, the data and the event, and getType() 'ws'", async () => {
    const contexts: Record<string, unknown>[] = [];
    @WebSocketGateway('/rooms')
    class RoomsGateway {
      @SubscribeMessage('join')
      @UseGuards({
        canActivate(context: ExecutionContext) {
          const ws = context.switchToWs();
          contexts.push({
            type: context.getType(),
            pattern: ws.getPattern(),
            data: ws.getData(),
            client: (ws.getClient<WebSocketConnection>() as WebSocketConnection).path,
            handshake: context.switchToHttp().getRequest<CorbelRequest>().path,
            handler: context.getHandler() === RoomsGateway.prototype.join,
            args: context.getArgs()[1],
          });
          return true;
        },
      })
      join() {
        return 'joined';
      }
    }
    const { connect } = await start({ gateways: [RoomsGateway] });
    const client = await connect('/rooms');
    await client.emit('join', { room: 'lobby' });
    expect(await client.nextJson()).to.deep.equal({ event: 'join', data: 'joined' });
    expect(contexts).to.deep.equal([
      {
        type: 'ws',
        pattern: 'join',
        data: { room: 'lobby' },
        client: '/rooms',
        handshake: '/rooms',
        handler: true,
        args: { room: 'lobby' },
      },
    ]);
  });
});
