// app.close() under load: in-flight requests get their real answers, new connections are refused, nothing leaks.
import { connect, type Socket } from 'node:net';
import { Body, Controller, createApp, Get, Post } from '@corbel/core';
import { expect } from 'chai';
import { type Answer, send } from '../support/http-client';
import { openSocket } from '../support/raw-socket';
import { delay, HealthController, serve, waitFor } from './support/fixtures';
import { guardProcess } from './support/guard';

let started = 0;

@Controller('/busy')
class BusyController {
  @Get('/:ms')
  async work() {
    started++;
    await delay(150);
    return { done: true };
  }

  @Post()
  upload(@Body() body: { size: number }) {
    return { received: body.size };
  }
}

/** Active handles by type (TCP sockets, servers, timers), as node reports them. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function connectionRefused(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('app.close() under load', () => {
  guardProcess();

  beforeEach(() => {
    started = 0;
  });

  it('lets 50 in-flight requests finish with their real answers, refuses new connections, and leaks no handle', async () => {
    await delay(20);
    const before = activeResources();
    const { app, url } = await serve(createApp({ controllers: [HealthController, BusyController], logger: false }));

    // 1. 50 requests in flight, each on its own connection, all inside their handlers.
    const inFlight: Promise<Answer>[] = Array.from({ length: 50 }, (_, index) => send(url, { path: `/busy/${index}` }));
    expect(await waitFor(() => started === 50)).to.equal(true);

    // 2. close() starts; the listening socket goes at once.
    const closing = app.close();
    expect(await connectionRefused(url)).to.equal('ECONNREFUSED');

    // 3. Every request in flight still gets its own full answer.
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      expect(answer.status).to.equal(200);
      expect(JSON.parse(answer.body)).to.deep.equal({ done: true });
    }
    await closing;

    // 4. Nothing the app opened is still alive (client sockets finish closing a moment after their last event).
    const types = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
    const leftOpen = () => types.filter((type) => (activeResources()[type] ?? 0) > (before[type] ?? 0));
    await waitFor(() => leftOpen().length === 0);
    expect(
      leftOpen(),
      `handles now ${JSON.stringify(activeResources())}, before ${JSON.stringify(before)}`,
    ).to.deep.equal([]);
  });

  it('lets a request whose body is still arriving finish after close() began', async () => {
    const { app, url } = await serve(createApp({ controllers: [HealthController, BusyController], logger: false }));
    const body = JSON.stringify({ size: 3, padding: 'x'.repeat(10_000) });
    const socket = await openSocket(url);
    const answer = readUntilClosed(socket);
    // 1. Headers and half the body.
    socket.write(
      `POST /busy HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.slice(0, 5_000));
    await delay(30);
    // 2. close() begins; the rest of the body arrives afterwards.
    const closing = app.close();
    await delay(30);
    socket.write(body.slice(5_000));
    // 3. The request gets its real answer, then the server ends the connection and close() resolves.
    const text = await answer;
    expect(text).to.match(/^HTTP\/1\.1 201 /);
    expect(text).to.include('{"received":3}');
    await closing;
  });

  it('ends idle keep-alive connections at once, and busy ones as soon as their answer is sent', async () => {
    const { app, url } = await serve(createApp({ controllers: [HealthController, BusyController], logger: false }));
    const idle = await openSocket(url);
    const idleClosed = new Promise<void>((resolve) => idle.on('close', () => resolve()));
    idle.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => idle.once('data', resolve));

    const busy = await openSocket(url);
    const busyText = readUntilClosed(busy);
    busy.write('GET /busy/1 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await waitFor(() => started === 1)).to.equal(true);

    // 1. close() ends the idle connection; the busy one gets its answer and is then ended too, well before
    //    node's 5 s keep-alive timeout would have ended it.
    const outcome = await Promise.race([app.close().then(() => 'closed'), delay(2_000).then(() => 'still open')]);
    expect(outcome).to.equal('closed');
    await idleClosed;
    expect(await busyText).to.match(/^HTTP\/1\.1 200 [\s\S]*\{"done":true\}$/);
  });

  it('a request sent on a kept-alive connection during shutdown is answered with connection: close, or never read', async () => {
    const { app, url } = await serve(createApp({ controllers: [HealthController, BusyController], logger: false }));
    const socket = await openSocket(url);
    const text = readUntilClosed(socket);
    // 1. The first request is in its handler when close() begins.
    socket.write('GET /busy/1 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await waitFor(() => started === 1)).to.equal(true);
    const closing = app.close();
    // 2. As soon as its answer arrives, the client reuses the connection.
    socket.once('data', () => socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'));
    // 3. The server answers the second request and says the connection ends, unless it ended the idle connection
    //    first (the request was then never read, which a client may safely retry). Either way the connection ends.
    const [first, second] = (await text).split(/(?=HTTP\/1\.1 )/);
    expect(first).to.match(/^HTTP\/1\.1 200 [\s\S]*\{"done":true\}$/);
    if (second !== undefined) {
      expect(second.toLowerCase()).to.include('connection: close');
      expect(second).to.match(/^HTTP\/1\.1 200 [\s\S]*\{"status":"ok"\}$/);
    }
    await closing;
  });
});

/** Everything the server sends on `socket` until it ends the connection. */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}
