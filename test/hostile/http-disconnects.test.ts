// Clients that vanish mid-body, mid-response and mid-stream: nothing escapes, no work is done twice.
import { Readable } from 'node:stream';
import { Body, Controller, createApp, Get, Post } from '@corbel/core';
import { expect } from 'chai';
import { openSocket } from '../support/raw-socket';
import { RecordingLogger } from '../support/recording-logger';
import { delay, HealthController, type Served, serve, waitFor } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

/** A promise and the function that resolves it. */
function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** What the handlers did, reset before each test; the gate lets a test decide when a handler finishes. */
const work = {
  bodyCalls: 0,
  slowCalls: 0,
  failingCalls: 0,
  streamCalls: 0,
  chunksProduced: 0,
  streamStopped: false,
  gate: gate(),
};

function resetWork(): void {
  work.bodyCalls = 0;
  work.slowCalls = 0;
  work.failingCalls = 0;
  work.streamCalls = 0;
  work.chunksProduced = 0;
  work.streamStopped = false;
  work.gate = gate();
}

async function* ticks(): AsyncGenerator<string> {
  try {
    // Bounded: 2,000 chunks of 5 ms at most, far longer than any test waits.
    for (let index = 0; index < 2_000; index++) {
      work.chunksProduced++;
      yield `tick ${index}\n`;
      await delay(5);
    }
  } finally {
    work.streamStopped = true;
  }
}

@Controller('/work')
class WorkController {
  @Post('/body')
  withBody(@Body() body: unknown) {
    work.bodyCalls++;
    return { body };
  }

  @Get('/slow')
  async slow() {
    work.slowCalls++;
    await work.gate.promise;
    return { done: true, payload: 'x'.repeat(256 * 1024) };
  }

  @Get('/failing')
  async failing() {
    work.failingCalls++;
    await work.gate.promise;
    throw new Error('failed after the client left');
  }

  @Get('/stream')
  stream() {
    work.streamCalls++;
    return Readable.from(ticks());
  }
}

describe('clients that disconnect', () => {
  let served: Served;
  const logger = new RecordingLogger();
  let requestsSeen = 0;

  before(async () => {
    served = await serve(createApp({ controllers: [HealthController, WorkController], logger }));
    served.app.server?.on('request', () => {
      requestsSeen++;
    });
  });
  after(() => served.app.close());
  beforeEach(() => {
    resetWork();
    requestsSeen = 0;
    logger.records.length = 0;
  });
  guardProcess(() => expectServing(served.url));

  it('mid-body: the handler never runs and nothing is logged as an error', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    // 1. Announce 1,000 bytes and send 10 of them.
    socket.write(
      'POST /work/body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
    );
    socket.write('{"a": "012');
    expect(await waitFor(() => requestsSeen === 1)).to.equal(true);
    // 2. Vanish.
    socket.destroy();
    await delay(100);
    expect(work.bodyCalls).to.equal(0);
    expect(logger.errorsText()).to.equal('');
  });

  it('mid-body, chunked: the handler never runs and nothing is logged as an error', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    socket.write(
      'POST /work/body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n',
    );
    expect(await waitFor(() => requestsSeen === 1)).to.equal(true);
    socket.destroy();
    await delay(100);
    expect(work.bodyCalls).to.equal(0);
    expect(logger.errorsText()).to.equal('');
  });

  it('mid-response: the handler runs exactly once and its late answer is dropped quietly', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    socket.write('GET /work/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    // 1. The handler has started and is waiting on the gate.
    expect(await waitFor(() => work.slowCalls === 1)).to.equal(true);
    // 2. The client leaves, then the handler finishes and its answer meets a closed socket.
    socket.destroy();
    await delay(20);
    work.gate.resolve();
    await delay(100);
    expect(work.slowCalls).to.equal(1);
    expect(logger.errorsText()).to.equal('');
  });

  it('mid-response: a handler that fails after the client left is answered once, into the void, and logged', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    socket.write('GET /work/failing HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await waitFor(() => work.failingCalls === 1)).to.equal(true);
    socket.destroy();
    await delay(20);
    work.gate.resolve();
    expect(await waitFor(() => logger.errorsText() !== '')).to.equal(true);
    await delay(50);
    expect(work.failingCalls).to.equal(1);
    expect(logger.records.filter((record) => record.level === 'error')).to.have.length(1);
    expect(logger.errorsText()).to.include('failed after the client left');
  });

  it('mid-response, while reading a large answer: the client stops after the first bytes', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    work.gate.resolve();
    const firstBytes = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('GET /work/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await firstBytes;
    socket.destroy();
    await delay(100);
    expect(work.slowCalls).to.equal(1);
    expect(logger.errorsText()).to.equal('');
  });

  it('mid-stream: the source stream is destroyed promptly and nothing is logged as an error', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    const firstBytes = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('GET /work/stream HTTP/1.1\r\nHost: x\r\n\r\n');
    // 1. The stream has started flowing to the client.
    await firstBytes;
    // 2. The client leaves; the generator behind the stream must stop rather than run its 2,000 ticks.
    socket.destroy();
    expect(await waitFor(() => work.streamStopped, 2000), 'the source stream was stopped').to.equal(true);
    const produced = work.chunksProduced;
    await delay(50);
    expect(work.chunksProduced).to.equal(produced);
    expect(produced).to.be.below(2_000);
    expect(work.streamCalls).to.equal(1);
    expect(logger.errorsText()).to.equal('');
  });

  it('a keep-alive client that sends a second request and leaves mid-way: the first is answered, the second never runs', async () => {
    const socket = await openSocket(served.url);
    socket.on('error', () => {});
    const firstAnswer = new Promise<string>((resolve) =>
      socket.once('data', (chunk: Buffer) => resolve(String(chunk))),
    );
    socket.write(
      'POST /work/body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"a": 1}',
    );
    expect(await firstAnswer).to.match(/^HTTP\/1\.1 201 /);
    socket.write(
      'POST /work/body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"a"',
    );
    expect(await waitFor(() => requestsSeen === 2)).to.equal(true);
    socket.destroy();
    await delay(100);
    expect(work.bodyCalls).to.equal(1);
    expect(logger.errorsText()).to.equal('');
  });
});
