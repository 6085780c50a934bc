// A @SubscribeMessage handler's Observable: every value is a message, in order; its error goes through the filters.
import { type CallHandler, type ExecutionContext, type Interceptor, UseInterceptors } from '@corbel/core';
import { SubscribeMessage, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { concat, interval, of, throwError } from 'rxjs';
import { finalize, map } from 'rxjs/operators';
import { useWsApps } from './support/ws-app';
import { eventually } from './support/ws-client';

class TimesTenInterceptor implements Interceptor {
  intercept(_context: ExecutionContext, next: CallHandler<number>) {
    return next.handle().pipe(map((value) => value * 10));
  }
}

let tornDown = false;

@WebSocketGateway('/events')
class EventsGateway {
  @SubscribeMessage('count')
  count() {
    return of(1, 2, 3);
  }

  @SubscribeMessage('typed')
  typed() {
    return of({ event: 'tick', data: 1 }, { event: 'tock', data: 2 });
  }

  @SubscribeMessage('fail')
  fail() {
    return concat(
      of('first'),
      throwError(() => new Error('stream broke')),
    );
  }

  @SubscribeMessage('scaled')
  @UseInterceptors(TimesTenInterceptor)
  scaled() {
    return of(1, 2);
  }

  @SubscribeMessage('forever')
  forever() {
    return interval(5).pipe(
      finalize(() => {
        tornDown = true;
      }),
    );
  }

  @SubscribeMessage('after')
  after() {
    return 'next frame';
  }
}

describe('@SubscribeMessage Observables', () => {
  const start = useWsApps();

  it('sends every emitted value as a message, in order, then handles the next frame', async () => {
    const { connect } = await start({ gateways: [EventsGateway] });
    const client = await connect('/events');
    await client.emit('count');
    await client.emit('after');
    const received = [await client.nextJson(), await client.nextJson(), await client.nextJson()];
    expect(received).to.deep.equal([
      { event: 'count', data: 1 },
      { event: 'count', data: 2 },
      { event: 'count', data: 3 },
    ]);
    expect(await client.nextJson()).to.deep.equal({ event: 'after', data: 'next frame' });
  });

  it('sends an emitted { event, data } as it is', async () => {
    const { connect } = await start({ gateways: [EventsGateway] });
    const client = await connect('/events');
    await client.emit('typed');
    expect([await client.nextJson(), await client.nextJson()]).to.deep.equal([
      { event: 'tick', data: 1 },
      { event: 'tock', data: 2 },
    ]);
  });

  it("sends an Observable's error through the filters after the values before it", async () => {
    const { connect } = await start({ gateways: [EventsGateway] });
    const client = await connect('/events');
    await client.emit('fail');
    expect(await client.nextJson()).to.deep.equal({ event: 'fail', data: 'first' });
    expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
  });

  it('maps every value through next.handle().pipe(...) in an interceptor', async () => {
    const { connect } = await start({ gateways: [EventsGateway] });
    const client = await connect('/events');
    await client.emit('scaled');
    expect([await client.nextJson(), await client.nextJson()]).to.deep.equal([
      { event: 'scaled', data: 10 },
      { event: 'scaled', data: 20 },
    ]);
  });

  it('unsubscribes from an endless Observable when the client goes away', async () => {
    tornDown = false;
    const { connect } = await start({ gateways: [EventsGateway] });
    const client = await connect('/events');
    await client.emit('forever');
    await client.nextJson();
    await client.close(1000, 'bye');
    await eventually(() => tornDown, 'the subscription to end');
  });
});
