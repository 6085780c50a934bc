// Guards fail closed: only `true` lets a call through; falsy answers 403; anything else is a logged 500.
import {
  type CanActivate,
  Controller,
  createApp,
  type ExecutionContext,
  Get,
  HTTPUnauthorized,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@corbel/core';
import { expect } from 'chai';
import { RecordingLogger } from '../support/recording-logger';

/** A guard class whose answer the test chooses, so the log can name it. */
class AnswerGuard implements CanActivate {
  constructor(readonly answer: () => unknown) {}
  canActivate(): boolean {
    return this.answer() as boolean;
  }
}

/** A stand-in for an RxJS Observable: anything with `subscribe`. */
const observableOf = (value: unknown) => ({
  subscribe(observer: { next(value: unknown): void; complete(): void }) {
    observer.next(value);
    observer.complete();
    return { unsubscribe() {} };
  },
});

function appAnswering(answer: () => unknown, logger = new RecordingLogger()) {
  @Controller('/reports')
  class ReportsController {
    @Get('/audit')
    @UseGuards(new AnswerGuard(answer))
    audit() {
      return { audited: true };
    }
  }
  return { app: createApp({ controllers: [ReportsController], logger }), logger };
}

describe('pipeline: what a guard may answer', () => {
  it('lets the call through for true and for a promise of true', async () => {
    for (const answer of [() => true, async () => true]) {
      const response = await appAnswering(answer).app.inject('/reports/audit');
      expect(response.statusCode).to.equal(200);
      expect(response.json()).to.deep.equal({ audited: true });
    }
  });

  it('answers 403 {"detail":"Forbidden"} for every falsy answer, as false does, and logs nothing', async () => {
    const falsy: unknown[] = [false, undefined, null, 0, '', Number.NaN];
    for (const value of falsy) {
      for (const answer of [() => value, async () => value]) {
        const { app, logger } = appAnswering(answer);
        const response = await app.inject('/reports/audit');
        expect(response.statusCode, String(value)).to.equal(403);
        expect(response.json()).to.deep.equal({ detail: 'Forbidden' });
        expect(logger.records.filter((record) => record.level === 'error')).to.deep.equal([]);
      }
    }
  });

  it("keeps NestJS's RolesGuard answering 403 when there is no user (it returns undefined)", async () => {
    @Injectable()
    class RolesGuard implements CanActivate {
      canActivate(context: ExecutionContext): boolean {
        const roles = context.getMetadata<string[]>('roles');
        if (!roles) return true;
        const user = (context.request.raw as { user?: { roles: string[] } }).user;
        return user?.roles.some((role) => roles.includes(role)) as boolean;
      }
    }
    @Controller('/cats')
    @UseGuards(RolesGuard)
    class CatsController {
      @Get() @SetMetadata('roles', ['admin']) create() {
        return { created: true };
      }
    }
    const response = await createApp({ controllers: [CatsController], logger: false }).inject('/cats');
    expect(response.statusCode).to.equal(403);
  });

  it('refuses a truthy answer that is not true with a 500, logging the code, the guard and the route', async () => {
    const truthy: [string, unknown][] = [
      ['the number 1', 1],
      ['the string "no"', 'no'],
      ['an object', { allowed: false }],
      ['an instance of Date', new Date(0)],
    ];
    for (const [shown, value] of truthy) {
      for (const [answer, verb] of [
        [() => value, 'returned'],
        [async () => value, 'resolved to'],
      ] as const) {
        const { app, logger } = appAnswering(answer);
        const response = await app.inject('/reports/audit');
        expect(response.statusCode, shown).to.equal(500);
        expect(response.body).to.equal('{"detail":"Internal Server Error"}');
        const errors = logger.records.filter((record) => record.level === 'error');
        expect(errors).to.have.length(1);
        const context = errors[0].context as { code: string; guard: string; route: string; err: Error };
        expect(context.code).to.equal('CORBEL_ERR_INVALID_GUARD_RESULT');
        expect(context.guard).to.equal('AnswerGuard');
        expect(context.route).to.equal('ReportsController.audit');
        expect((context.err as Error & { code: string }).code).to.equal('CORBEL_ERR_INVALID_GUARD_RESULT');
        expect(context.err.message).to.include(`AnswerGuard.canActivate() on ReportsController.audit ${verb} ${shown}`);
      }
    }
  });

  it("judges an Observable's last value as the answer: true passes, falsy is 403, anything else a logged 500", async () => {
    const cases: [unknown, number][] = [
      [true, 200],
      [false, 403],
      [undefined, 403],
      [1, 500],
    ];
    for (const [value, status] of cases) {
      const { app, logger } = appAnswering(() => observableOf(value));
      const response = await app.inject('/reports/audit');
      expect(response.statusCode, String(value)).to.equal(status);
      if (status === 500) {
        expect(logger.errorsText()).to.include(
          'AnswerGuard.canActivate() on ReportsController.audit resolved to the number 1',
        );
      }
    }
  });

  it('refuses a promise of an Observable with a logged 500: one is awaited or subscribed to, not both', async () => {
    const { app, logger } = appAnswering(async () => observableOf(true));
    const response = await app.inject('/reports/audit');
    expect(response.statusCode).to.equal(500);
    expect(logger.errorsText()).to.include('resolved to an Observable');
  });

  it('never runs the handler or a later guard after an answer that is not a boolean', async () => {
    const ran: string[] = [];
    @Controller('/stop')
    class StopController {
      @Get()
      @UseGuards({ canActivate: () => ran.push('first') as unknown as boolean }, { canActivate: () => !ran.push('x') })
      stop() {
        ran.push('handler');
        return {};
      }
    }
    const logger = new RecordingLogger();
    const response = await createApp({ controllers: [StopController], logger }).inject('/stop');
    expect(response.statusCode).to.equal(500);
    expect(ran).to.deep.equal(['first']);
    expect(logger.errorsText()).to.include(
      'canActivate() of a guard object on StopController.stop returned the number 1',
    );
  });

  it('applies to global guards too, and a thrown HTTPException is still answered as itself', async () => {
    @Controller('/open')
    class OpenController {
      @Get() open() {
        return { open: true };
      }
    }
    const logger = new RecordingLogger();
    const lenient = createApp({
      controllers: [OpenController],
      guards: [{ canActivate: () => 'yes' as unknown as boolean }],
      logger,
    });
    expect((await lenient.inject('/open')).statusCode).to.equal(500);
    expect(logger.errorsText()).to.include('CORBEL_ERR_INVALID_GUARD_RESULT');
    const strict = createApp({
      controllers: [OpenController],
      guards: [
        {
          canActivate: () => {
            throw new HTTPUnauthorized();
          },
        },
      ],
      logger: false,
    });
    expect((await strict.inject('/open')).statusCode).to.equal(401);
  });
});
