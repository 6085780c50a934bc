// An event stream's source stops when the client leaves or the app closes: finally blocks run, nothing leaks.
import { request } from 'node:http';
import { Controller, createApp, Sse } from '@corbel/core';
import { expect } from 'chai';
import { serve, waitFor } from '../hostile/support/fixtures';
import { openStream } from '../support/event-stream-reader';
import { sleep, TestObservable } from './support/sources';

let opened = 0;
let cleaned = 0;
let bodiesRun = 0;
// What /never-starts awaits before its first event; a test opens it to let the generator move on.
let openGate: () => void = () => {};
let gate = Promise.resolve();

function closeGate(): void {
  gate = new Promise((resolve) => {
    openGate = resolve;
  });
}

const ticker = new TestObservable((observer) => {
  const timer = setInterval(() => observer.next({ data: 'tick' }), 5);
  observer.next({ data: 'first' });
  return () => clearInterval(timer);
});

@Controller('/streams')
class StreamsController {
  @Sse('/ticks')
  async *ticks() {
    opened++;
    try {
      for (let n = 0; ; n++) {
        yield { id: String(n), data: n };
        await sleep(5);
      }
    } finally {
      cleaned++;
    }
  }

  @Sse('/observable')
  observable() {
    return ticker;
  }

  @Sse('/never-starts')
  async *neverStarts() {
    opened++;
    try {
      await gate;
      yield 'late';
    } finally {
      cleaned++;
    }
  }

  @Sse('/side-effect')
  async *sideEffect() {
    bodiesRun++;
    yield 'ran';
  }
}

function addressOf(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
}

/** Active handles by type (TCP sockets, servers, timers), as node reports them. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe('event stream lifecycle', () => {
  beforeEach(() => {
    opened = 0;
    cleaned = 0;
    bodiesRun = 0;
  });

  it("a client leaving runs the generator's finally, 1,000 times in a row, with no handle left behind", async () => {
    // Mocha arms this test's own timeout timer once the test is running: count it in the baseline.
    await sleep(20);
    const before = activeResources();
    const { app, url } = await serve(createApp({ controllers: [StreamsController], logger: false }));
    // 1. 1,000 clients, 50 at a time: each receives its first event, then hangs up.
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          const stream = await openStream(url, '/streams/ticks');
          await stream.waitFor((text) => text.includes('id: 0\n'));
          stream.close();
        }),
      );
    }
    // 2. Every generator was stopped (its finally ran) without waiting for the app to close.
    expect(await waitFor(() => cleaned === 1000, 5000), `cleaned ${cleaned} of ${opened}`).to.equal(true);
    expect(opened).to.equal(1000);
    await app.close();
    // 3. No socket, server or heartbeat timer outlives the streams.
    const types = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
    const leftOpen = () => types.filter((type) => (activeResources()[type] ?? 0) > (before[type] ?? 0));
    await waitFor(() => leftOpen().length === 0);
    expect(leftOpen(), `now ${JSON.stringify(activeResources())}, before ${JSON.stringify(before)}`).to.deep.equal([]);
  });

  it('a client leaving unsubscribes the Observable at once', async () => {
    const { app, url } = await serve(createApp({ controllers: [StreamsController], logger: false }));
    try {
      const stream = await openStream(url, '/streams/observable');
      await stream.waitFor((text) => text.includes('data: tick'));
      expect(ticker.subscriptions - ticker.unsubscriptions).to.equal(1);
      stream.close();
      expect(await waitFor(() => ticker.unsubscriptions === ticker.subscriptions)).to.equal(true);
    } finally {
      await app.close();
    }
  });

  it('a client leaving before the first event stops the source: its next step is its last', async () => {
    closeGate();
    const { app, url } = await serve(createApp({ controllers: [StreamsController], logger: false }));
    try {
      // 1. Headers go out with the first event (or heartbeat): until then the client has only a request in flight.
      const pending = request({ ...addressOf(url), path: '/streams/never-starts', agent: false });
      pending.on('error', () => {});
      pending.end();
      expect(await waitFor(() => opened === 1)).to.equal(true);
      // 2. The client leaves while the generator is parked in an await.
      pending.destroy();
      await sleep(20);
      expect(cleaned).to.equal(0);
      // 3. When the await settles, the generator's yield is its last step: return() runs its finally.
      openGate();
      expect(await waitFor(() => cleaned === 1)).to.equal(true);
    } finally {
      openGate();
      await app.close();
    }
  });

  it("app.close() ends every open stream, runs the generators' finally, and then resolves", async () => {
    const { app, url } = await serve(createApp({ controllers: [StreamsController], logger: false }));
    const streams = await Promise.all(Array.from({ length: 5 }, () => openStream(url, '/streams/ticks')));
    await Promise.all(streams.map((stream) => stream.waitFor((text) => text.includes('id: 1\n'))));
    const outcome = await Promise.race([app.close().then(() => 'closed'), sleep(3000).then(() => 'still open')]);
    expect(outcome).to.equal('closed');
    expect(cleaned).to.equal(5);
    // Each stream was ended by the server, cleanly, after the events it had sent.
    for (const stream of streams) expect(await stream.ended()).to.match(/(id: \d+\ndata: \d+\n\n)+$/);
  });

  it('a source that will not stop does not hold app.close() past shutdownTimeoutMs', async () => {
    closeGate();
    const { app, url } = await serve(
      createApp({ controllers: [StreamsController], logger: false, shutdownTimeoutMs: 100, sse: { heartbeatMs: 20 } }),
    );
    const stream = await openStream(url, '/streams/never-starts');
    await stream.waitFor((text) => text.includes(': ping'));
    const started = Date.now();
    const outcome = await Promise.race([app.close().then(() => 'closed'), sleep(3000).then(() => 'still open')]);
    expect(outcome).to.equal('closed');
    expect(Date.now() - started).to.be.below(2000);
    await stream.ended();
    openGate();
    expect(await waitFor(() => cleaned === 1)).to.equal(true);
  });

  it('a stream asked for while the app is closing ends at once, so the client reconnects elsewhere', async () => {
    closeGate();
    const { app, url } = await serve(
      createApp({ controllers: [StreamsController], logger: false, sse: { heartbeatMs: 20 } }),
    );
    // 1. An open stream keeps close() busy.
    const open = await openStream(url, '/streams/never-starts');
    await open.waitFor((text) => text.includes(': ping'));
    const closing = app.close();
    // 2. A request that still reaches the app (here in-process) gets a 200 stream that ends without events.
    const late = await app.inject('/streams/ticks');
    expect(late.statusCode).to.equal(200);
    expect(late.headers['content-type']).to.equal('text/event-stream; charset=utf-8');
    expect(late.body).to.equal('');
    openGate();
    await closing;
    await open.ended();
  });

  it('a HEAD request gets the event-stream headers and no body, and the generator never runs', async () => {
    const { app, url } = await serve(createApp({ controllers: [StreamsController], logger: false }));
    try {
      const head = await openStream(url, '/streams/side-effect', {}, 'HEAD');
      expect(head.status).to.equal(200);
      expect(head.headers['content-type']).to.equal('text/event-stream; charset=utf-8');
      expect(await head.ended()).to.equal('');
      expect(bodiesRun).to.equal(0);
    } finally {
      await app.close();
    }
  });
});
