// Guards: true lets the call through, false answers 403 through the filters, a thrown exception is answered as such.
import {
  type App,
  type CanActivate,
  Catch,
  Controller,
  createApp,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  type HTTPException,
  HTTPUnauthorized,
  Injectable,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@corbel/core';
import { expect } from 'chai';

@Injectable()
class TokenStore {
  readonly #users = new Map([
    ['ada-token', { name: 'ada', roles: ['admin'] }],
    ['alan-token', { name: 'alan', roles: ['reader'] }],
  ]);

  find(token: string | undefined) {
    return token === undefined ? undefined : this.#users.get(token);
  }
}

/** Reads `Authorization: Bearer <token>`; 401 with a challenge when absent or unknown. */
@Injectable()
class AuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenStore) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.request.headers.authorization;
    const user = this.tokens.find(header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!user) throw new HTTPUnauthorized('Sign in first', { 'WWW-Authenticate': 'Bearer realm="corbel"' });
    return true;
  }
}

/** Allows the call when the user has one of the roles set with @SetMetadata('roles', [...]). */
@Injectable()
class RolesGuard implements CanActivate {
  constructor(private readonly tokens: TokenStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = context.getMetadata<string[]>('roles');
    if (required === undefined) return true;
    const user = this.tokens.find(context.request.headers.authorization?.slice(7));
    return required.some((role) => user?.roles.includes(role));
  }
}

@Controller('/reports')
@UseGuards(AuthGuard, RolesGuard)
@SetMetadata('roles', ['reader', 'admin'])
class ReportsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }

  @Get('/audit')
  @SetMetadata('roles', ['admin'])
  audit() {
    return { audited: true };
  }
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

describe('pipeline: guards', () => {
  let app: App;
  beforeEach(() => {
    app = createApp({ controllers: [ReportsController], providers: [TokenStore], logger: false });
  });

  it('lets the call through when every guard returns true', async () => {
    const response = await app.inject({ url: '/reports', headers: bearer('alan-token') });
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal([{ id: 1 }]);
  });

  it('answers 403 {"detail":"Forbidden"} when a guard returns false', async () => {
    const response = await app.inject({ url: '/reports/audit', headers: bearer('alan-token') });
    expect(response.statusCode).to.equal(403);
    expect(response.json()).to.deep.equal({ detail: 'Forbidden' });
  });

  it('reads @SetMetadata from the method before the class', async () => {
    const response = await app.inject({ url: '/reports/audit', headers: bearer('ada-token') });
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal({ audited: true });
  });

  it('answers a thrown HTTPUnauthorized with 401 and its WWW-Authenticate header', async () => {
    const response = await app.inject({ url: '/reports' });
    expect(response.statusCode).to.equal(401);
    expect(response.headers['www-authenticate']).to.equal('Bearer realm="corbel"');
    expect(response.json()).to.deep.equal({ detail: 'Sign in first' });
  });

  it('stops at the first guard that refuses: later guards and the handler do not run', async () => {
    const ran: string[] = [];
    @Controller('/stop')
    class StopController {
      @Get()
      @UseGuards(
        {
          canActivate: () => {
            ran.push('first');
            return false;
          },
        },
        {
          canActivate: () => {
            ran.push('second');
            return true;
          },
        },
      )
      stop() {
        ran.push('handler');
        return {};
      }
    }
    const response = await createApp({ controllers: [StopController], logger: false }).inject('/stop');
    expect(response.statusCode).to.equal(403);
    expect(ran).to.deep.equal(['first']);
  });

  it('global guards from createApp run for every route and get injection', async () => {
    @Controller('/open')
    class OpenController {
      @Get() open() {
        return { open: true };
      }
    }
    const guarded = createApp({
      controllers: [OpenController],
      providers: [TokenStore],
      guards: [AuthGuard],
      logger: false,
    });
    expect((await guarded.inject('/open')).statusCode).to.equal(401);
    expect((await guarded.inject({ url: '/open', headers: bearer('ada-token') })).statusCode).to.equal(200);
  });

  it("a guard's 403 is answered by the controller's filter for 403", async () => {
    @Catch(403)
    class ForbiddenFilter implements ExceptionFilter<HTTPException> {
      catch(error: HTTPException) {
        return { refused: true, status: error.statusCode };
      }
    }
    @Controller('/filtered')
    @UseFilters(ForbiddenFilter)
    class FilteredController {
      @Get() @UseGuards({ canActivate: async () => false }) refused() {
        return {};
      }
    }
    const response = await createApp({ controllers: [FilteredController], logger: false }).inject('/filtered');
    expect(response.statusCode).to.equal(403);
    expect(response.json()).to.deep.equal({ refused: true, status: 403 });
  });

  it('the context names the controller class and the handler', async () => {
    let seen: unknown;
    @Controller('/who')
    class WhoController {
      @Get()
      @UseGuards({
        canActivate: (context: ExecutionContext) => {
          seen = { type: context.type, controller: context.controller, handler: context.handler };
          return true;
        },
      })
      who() {
        return {};
      }
    }
    await createApp({ controllers: [WhoController], logger: false }).inject('/who');
    expect(seen).to.deep.equal({ type: 'http', controller: WhoController, handler: 'who' });
  });
});
