// @SubscribeMessage frames are handled one at a time, in order, whether a handler answers at once or later.
import { Catch, type ExceptionFilter, WebSocketException } from '@corbel/core';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { RecordingLogger } from '../support/recording-logger';
import { useWsApps } from './support/ws-app';
import type { TestClient } from './support/ws-client';

@ValidatorConstraint({ name: 'isEventually', async: true })
class IsEventually implements ValidatorConstraintInterface {
  async validate(value: unknown) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return typeof value === 'number';
  }
  defaultMessage() {
    return 'n must be a number';
  }
}

/** A DTO whose only constraint is asynchronous, so binding it returns a promise. */
class CheckedDto {
  @Validate(IsEventually)
  n!: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records the order handlers start in and how many ever ran at once. */
class Tally {
  started: number[] = [];
  running = 0;
  mostAtOnce = 0;

  enter(n: number): void {
    this.started.push(n);
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
  }

  leave(): void {
    this.running--;
  }
}

@WebSocketGateway('/mixed')
class MixedGateway {
  static tally = new Tally();

  @SubscribeMessage('now')
  now(@MessageBody('n') n: number) {
    MixedGateway.tally.enter(n);
    MixedGateway.tally.leave();
    return n;
  }

  @SubscribeMessage('later')
  async later(@MessageBody('n') n: number) {
    MixedGateway.tally.enter(n);
    await pause(n % 3);
    MixedGateway.tally.leave();
    return n;
  }

  @SubscribeMessage('checked')
  checked(@MessageBody() body: CheckedDto) {
    MixedGateway.tally.enter(body.n);
    MixedGateway.tally.leave();
    return body.n;
  }

  @SubscribeMessage('quiet')
  quiet(@MessageBody('n') n: number) {
    MixedGateway.tally.enter(n);
    MixedGateway.tally.leave();
  }

  @SubscribeMessage('refuse')
  refuse(@MessageBody('n') n: number) {
    throw new WebSocketException(4000, `refused ${n}`);
  }

  @SubscribeMessage('huge')
  huge() {
    return { big: 10n };
  }
}

/** Turns a refusal into an error event, so the connection stays open. */
@Catch(WebSocketException)
class RefusalAsEvent implements ExceptionFilter {
  catch(error: WebSocketException) {
    return { event: 'error', data: error.reason };
  }
}

async function replies(client: TestClient, count: number): Promise<unknown[]> {
  const received: unknown[] = [];
  for (let index = 0; index < count; index++) received.push(await client.nextJson());
  return received;
}

describe('@SubscribeMessage order', () => {
  const start = useWsApps();
  beforeEach(() => {
    MixedGateway.tally = new Tally();
  });

  it('answers frames sent back to back in order, mixing synchronous, asynchronous and async-validated handlers', async () => {
    const { connect } = await start({ gateways: [MixedGateway] });
    const client = await connect('/mixed');
    const events = ['now', 'later', 'now', 'checked', 'quiet', 'now', 'later', 'later', 'checked', 'now'];
    const expected: unknown[] = [];
    // 1. every frame goes out before any reply is read.
    for (let n = 0; n < 60; n++) {
      const event = events[n % events.length];
      void client.emit(event, { n });
      if (event !== 'quiet') expected.push({ event, data: n });
    }
    // 2. the replies come back in the order the frames were sent; quiet sends nothing.
    expect(await replies(client, expected.length)).to.deep.equal(expected);
    // 3. the handlers started in that order too, and never two at once.
    expect(MixedGateway.tally.started).to.deep.equal(Array.from({ length: 60 }, (_unused, n) => n));
    expect(MixedGateway.tally.mostAtOnce).to.equal(1);
  });

  it('an error thrown by a synchronous handler goes through the filters, and later frames are still answered in order', async () => {
    const { connect } = await start({ gateways: [MixedGateway], filters: [RefusalAsEvent] });
    const client = await connect('/mixed');
    void client.emit('now', { n: 1 });
    void client.emit('refuse', { n: 2 });
    void client.emit('later', { n: 3 });
    void client.emit('refuse', { n: 4 });
    void client.emit('now', { n: 5 });
    expect(await replies(client, 5)).to.deep.equal([
      { event: 'now', data: 1 },
      { event: 'error', data: 'refused 2' },
      { event: 'later', data: 3 },
      { event: 'error', data: 'refused 4' },
      { event: 'now', data: 5 },
    ]);
  });

  it('without a filter for it, a synchronous WebSocketException closes with its code and reason; frames after it get no answer', async () => {
    const { connect } = await start({ gateways: [MixedGateway] });
    const client = await connect('/mixed');
    void client.emit('now', { n: 1 });
    void client.emit('refuse', { n: 2 });
    void client.emit('now', { n: 3 });
    expect(await client.nextJson()).to.deep.equal({ event: 'now', data: 1 });
    expect(await client.waitClosed()).to.deep.equal({ code: 4000, reason: 'refused 2' });
    expect(client.pending()).to.deep.equal([]);
    expect(MixedGateway.tally.started).to.deep.equal([1]);
  });

  it('a synchronous reply JSON cannot represent closes with 1011 "Internal Error" and is logged', async () => {
    const logger = new RecordingLogger();
    const { connect } = await start({ gateways: [MixedGateway], logger });
    const client = await connect('/mixed');
    await client.emit('huge');
    expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
    expect(logger.errorsText()).to.contain('BigInt');
  });
});
