// Every injection misuse is thrown by createApp, with its code and a message naming the resolution path.
import {
  Controller,
  CorbelError,
  createApp,
  type ErrorCode,
  Get,
  Inject,
  Injectable,
  Module,
  UseGuards,
  UseInterceptors,
  UseMiddleware,
} from '@corbel/core';
import { expect } from 'chai';

function startupError(build: () => unknown): CorbelError {
  try {
    build();
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    return error as CorbelError;
  }
  throw new Error('expected createApp to throw');
}

function expectStartupError(build: () => unknown, code: ErrorCode, message: string): void {
  const error = startupError(build);
  expect({ code: error.code, message: error.message }).to.deep.equal({ code, message });
}

@Injectable()
class UsersService {}

@Injectable()
class Clock {}

@Injectable()
class Database {}

@Module({ providers: [Database], exports: [Database] })
class DatabaseModule {}

describe('injection: start-up errors', () => {
  it('CORBEL_ERR_UNKNOWN_PROVIDER names the parameter, the class, the module, its providers and what imports export', () => {
    @Controller('/users')
    class UsersController {
      constructor(readonly users: UsersService) {}
    }
    @Module({ imports: [DatabaseModule], controllers: [UsersController], providers: [Clock] })
    class AppModule {}
    expectStartupError(
      () => createApp(AppModule, { logger: false }),
      'CORBEL_ERR_UNKNOWN_PROVIDER',
      'Cannot resolve parameter #1 of UsersController: UsersService is not provided in AppModule ' +
        '(providers: Clock; imports export: Database)',
    );
  });

  it('CORBEL_ERR_UNKNOWN_PROVIDER in the flat form names createApp() and the resolution path of a nested miss', () => {
    @Injectable()
    class Reports {
      constructor(
        readonly clock: Clock,
        @Inject('REPORTS_DIR') readonly directory: string,
      ) {}
    }
    @Controller('/reports')
    class ReportsController {
      constructor(readonly reports: Reports) {}
    }
    expectStartupError(
      () => createApp({ controllers: [ReportsController], providers: [Reports, Clock], logger: false }),
      'CORBEL_ERR_UNKNOWN_PROVIDER',
      "Cannot resolve parameter #2 of Reports: 'REPORTS_DIR' is not provided in createApp() " +
        '(providers: Reports, Clock; imports export: none); resolution path: ReportsController → Reports',
    );
  });

  it('CORBEL_ERR_UNKNOWN_PROVIDER for a factory names its missing inject token', () => {
    expectStartupError(
      () =>
        createApp({
          providers: [{ provide: 'URL', useFactory: (host: string) => `http://${host}`, inject: ['HOST'] }],
          logger: false,
        }),
      'CORBEL_ERR_UNKNOWN_PROVIDER',
      "Cannot resolve parameter #1 of the factory of 'URL': 'HOST' is not provided in createApp() " +
        "(providers: 'URL'; imports export: none)",
    );
  });

  it('CORBEL_ERR_DEPENDENCY_CYCLE lists the cycle A → B → A and how it was reached', () => {
    // String tokens: a class cannot name a class declared after it in its constructor types (it would be undefined).
    @Injectable()
    class Orders {
      constructor(@Inject('Payments') readonly payments: unknown) {}
    }
    @Injectable()
    class Payments {
      constructor(@Inject('Orders') readonly orders: unknown) {}
    }
    @Injectable()
    class Checkout {
      constructor(@Inject('Orders') readonly orders: unknown) {}
    }
    const orders = { provide: 'Orders', useClass: Orders };
    const payments = { provide: 'Payments', useClass: Payments };
    expectStartupError(
      () => createApp({ providers: [orders, payments], logger: false }),
      'CORBEL_ERR_DEPENDENCY_CYCLE',
      'Dependency cycle: Orders → Payments → Orders (none of them can be built before the others; remove one of ' +
        'these dependencies)',
    );
    expectStartupError(
      () => createApp({ providers: [Checkout, payments, orders], logger: false }),
      'CORBEL_ERR_DEPENDENCY_CYCLE',
      'Dependency cycle: Orders → Payments → Orders (none of them can be built before the others; remove one of ' +
        'these dependencies); resolution path: Checkout → Orders → Payments → Orders',
    );
  });

  it('CORBEL_ERR_DEPENDENCY_CYCLE through a class and its own token', () => {
    @Injectable()
    class Selfish {
      constructor(@Inject('SELF') readonly self: unknown) {}
    }
    @Controller('/self')
    class SelfController {
      constructor(@Inject('SELF') readonly self: unknown) {}
    }
    expectStartupError(
      () =>
        createApp({
          controllers: [SelfController],
          providers: [{ provide: 'SELF', useClass: Selfish }],
          logger: false,
        }),
      'CORBEL_ERR_DEPENDENCY_CYCLE',
      'Dependency cycle: Selfish → Selfish (none of them can be built before the others; remove one of these ' +
        'dependencies); resolution path: SelfController → Selfish → Selfish',
    );
  });

  it('CORBEL_ERR_UNRESOLVABLE_TYPE for a parameter typed as an interface without @Inject', () => {
    interface Mailer {
      send(to: string): void;
    }
    @Injectable()
    class Notifications {
      constructor(readonly mailer: Mailer) {}
    }
    @Controller('/notify')
    class NotifyController {
      constructor(readonly notifications: Notifications) {}
    }
    expectStartupError(
      () => createApp({ controllers: [NotifyController], providers: [Notifications], logger: false }),
      'CORBEL_ERR_UNRESOLVABLE_TYPE',
      'Cannot resolve parameter #1 of Notifications: its type is Object at run time (an interface, a union or ' +
        '`any`); add @Inject(token) to say what to inject; resolution path: NotifyController → Notifications',
    );
  });

  it('CORBEL_ERR_UNRESOLVABLE_TYPE for a primitive parameter without @Inject', () => {
    @Controller('/port')
    class PortController {
      constructor(readonly port: number) {}
    }
    expectStartupError(
      () => createApp({ controllers: [PortController], logger: false }),
      'CORBEL_ERR_UNRESOLVABLE_TYPE',
      'Cannot resolve parameter #1 of PortController: its type is Number, which cannot be injected by type; ' +
        'add @Inject(token) to say what to inject',
    );
  });

  it('CORBEL_ERR_UNRESOLVABLE_TYPE for a class with constructor parameters but no decorator', () => {
    class TokenGuard {
      constructor(readonly clock: Clock) {}
      canActivate() {
        return true;
      }
    }
    @Controller('/guarded')
    @UseGuards(TokenGuard)
    class GuardedController {
      @Get() get() {
        return {};
      }
    }
    expectStartupError(
      () => createApp({ controllers: [GuardedController], providers: [Clock], logger: false }),
      'CORBEL_ERR_UNRESOLVABLE_TYPE',
      'Cannot resolve the constructor of TokenGuard: it takes 1 parameter(s) but has no decorator, so TypeScript ' +
        'emitted no types for them; add @Injectable() to it',
    );
  });

  it('CORBEL_ERR_INVALID_PROVIDER for an entry that is not a provider', () => {
    expectStartupError(
      () => createApp({ providers: [{ provide: 'X' } as never], logger: false }),
      'CORBEL_ERR_INVALID_PROVIDER',
      '{"provide":"X"} in the providers of createApp() is not a provider: expected a class or ' +
        '{ provide, useValue | useClass | useFactory (with inject: tokens) }',
    );
  });

  it('CORBEL_ERR_INVALID_MODULE for an import without @Module and an export the module does not have', () => {
    class NotAModule {}
    @Module({ imports: [NotAModule] })
    class BrokenImports {}
    expectStartupError(
      () => createApp(BrokenImports, { logger: false }),
      'CORBEL_ERR_INVALID_MODULE',
      'NotAModule in the imports of BrokenImports is not a module: expected a class decorated with ' +
        '@Module({ ... }) or a forRoot() result',
    );
    @Module({ providers: [Clock], exports: [UsersService] })
    class BrokenExports {}
    expectStartupError(
      () => createApp(BrokenExports, { logger: false }),
      'CORBEL_ERR_INVALID_MODULE',
      'BrokenExports exports UsersService, which it neither provides nor imports from a module that exports it ' +
        '(providers: Clock)',
    );
  });

  it('CORBEL_ERR_INVALID_PIPELINE_STAGE for a guard, interceptor or middleware without its method', () => {
    class NotAGuard {}
    @Controller('/a')
    @UseGuards(NotAGuard as never)
    class AController {
      @Get() get() {
        return {};
      }
    }
    expectStartupError(
      () => createApp({ controllers: [AController], logger: false }),
      'CORBEL_ERR_INVALID_PIPELINE_STAGE',
      'NotAGuard in @UseGuards on AController is not a guard: expected a class or an object with canActivate(context)',
    );
    @Controller('/b')
    class BController {
      @Get() @UseInterceptors({ before: () => {} } as never) get() {
        return {};
      }
    }
    expectStartupError(
      () => createApp({ controllers: [BController], logger: false }),
      'CORBEL_ERR_INVALID_PIPELINE_STAGE',
      'an instance of Object in @UseInterceptors on BController.get is not an interceptor: expected a class or an ' +
        'object with intercept(context, next)',
    );
    class NotMiddleware {}
    @Controller('/c')
    @UseMiddleware(NotMiddleware as never)
    class CController {
      @Get() get() {
        return {};
      }
    }
    expectStartupError(
      () => createApp({ controllers: [CController], logger: false }),
      'CORBEL_ERR_INVALID_PIPELINE_STAGE',
      'NotMiddleware in @UseMiddleware on CController is not a middleware: expected a class or an object with ' +
        'use(request, next), or a function',
    );
  });

  it('every new code is in the catalogue', async () => {
    const { ErrorCodes } = await import('@corbel/core');
    for (const code of [
      'CORBEL_ERR_UNKNOWN_PROVIDER',
      'CORBEL_ERR_DEPENDENCY_CYCLE',
      'CORBEL_ERR_UNRESOLVABLE_TYPE',
      'CORBEL_ERR_INVALID_PROVIDER',
      'CORBEL_ERR_INVALID_MODULE',
      'CORBEL_ERR_INVALID_PIPELINE_STAGE',
    ]) {
      expect(ErrorCodes).to.have.property(code);
    }
  });
});
