// Gateway guards fail closed: falsy refuses as false does; an answer that is not a boolean is a logged 500 or 1011.
import { type CanActivate, UseGuards } from '@corbel/core';
import { SubscribeMessage, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { RecordingLogger } from '../support/recording-logger';
import { handshakeHeaders, sendUpgrade } from './support/upgrade-request';
import { useWsApps } from './support/ws-app';
import { eventually } from './support/ws-client';

class AnswerGuard implements CanActivate {
  constructor(readonly answer: unknown) {}
  canActivate(): boolean {
    return this.answer as boolean;
  }
}

function handshakeGateway(answer: unknown) {
  @WebSocketGateway('/guarded')
  @UseGuards(new AnswerGuard(answer))
  class GuardedGateway {
    @SubscribeMessage('ping')
    ping() {
      return 'pong';
    }
  }
  return GuardedGateway;
}

function messageGateway(answer: unknown) {
  @WebSocketGateway('/guarded')
  class GuardedGateway {
    @SubscribeMessage('ping')
    @UseGuards(new AnswerGuard(answer))
    ping() {
      return 'pong';
    }
  }
  return GuardedGateway;
}

describe('gateway guards: what a guard may answer', () => {
  const start = useWsApps();

  describe('at the handshake', () => {
    it('a falsy answer (undefined, 0, null) refuses the upgrade with 403, as false does', async () => {
      for (const answer of [undefined, 0, null, '']) {
        const { url } = await start({ gateways: [handshakeGateway(answer)] });
        const refusal = await sendUpgrade(url, '/guarded', handshakeHeaders());
        expect(refusal.status, String(answer)).to.equal(403);
        expect(JSON.parse(refusal.body)).to.deep.equal({ detail: 'Forbidden' });
      }
    });

    it('a truthy answer that is not true refuses the upgrade with a logged 500, naming guard and route', async () => {
      for (const answer of [1, 'yes', {}, Promise.resolve({ ok: true })]) {
        const logger = new RecordingLogger();
        const { url } = await start({ gateways: [handshakeGateway(answer)], logger });
        const refusal = await sendUpgrade(url, '/guarded', handshakeHeaders());
        expect(refusal.upgraded).to.equal(false);
        expect(refusal.status).to.equal(500);
        expect(JSON.parse(refusal.body)).to.deep.equal({ detail: 'Internal Server Error' });
        const [record] = logger.records.filter((each) => each.level === 'error');
        const context = record.context as { code: string; guard: string; route: string; err: Error };
        expect(context.code).to.equal('CORBEL_ERR_INVALID_GUARD_RESULT');
        expect(context.guard).to.equal('AnswerGuard');
        expect(context.route).to.equal('GuardedGateway.handleConnection');
        expect(context.err.message).to.include('AnswerGuard.canActivate() on GuardedGateway.handleConnection');
      }
    });
  });

  describe('per message', () => {
    it('a falsy answer closes with 1008 Forbidden, as false does', async () => {
      const { connect } = await start({ gateways: [messageGateway(undefined)] });
      const client = await connect('/guarded');
      await client.emit('ping');
      expect(await client.waitClosed()).to.deep.equal({ code: 1008, reason: 'Forbidden' });
    });

    it('a truthy answer that is not true closes with 1011 and logs the code, the guard and the route', async () => {
      const logger = new RecordingLogger();
      const { connect } = await start({ gateways: [messageGateway(Promise.resolve(1))], logger });
      const client = await connect('/guarded');
      await client.emit('ping');
      expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
      await eventually(() => logger.records.some((record) => record.level === 'error'), 'the log entry');
      const [record] = logger.records.filter((each) => each.level === 'error');
      const context = record.context as { code: string; guard: string; route: string; err: Error };
      expect(context.code).to.equal('CORBEL_ERR_INVALID_GUARD_RESULT');
      expect(context.guard).to.equal('AnswerGuard');
      expect(context.route).to.equal('GuardedGateway.ping');
      expect(context.err.message).to.include(
        'AnswerGuard.canActivate() on GuardedGateway.ping resolved to the number 1',
      );
      expect(client.pending()).to.deep.equal([]);
    });
  });
});
