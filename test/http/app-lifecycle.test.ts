// The App: listen, handler, close with in-flight requests, keep-alive, inject, and where the logger writes.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, Controller, createApp, Get } from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { exchange, statusLines } from '../support/raw-socket';
import { RecordingLogger } from '../support/recording-logger';

/** A gate a test opens to let a slow handler finish. */
class Gate {
  entered!: Promise<void>;
  #enter!: () => void;
  #open!: () => void;
  #opened!: Promise<void>;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.entered = new Promise((resolve) => {
      this.#enter = resolve;
    });
    this.#opened = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  /** Called by the handler: signals it is running, then waits for the test. */
  pass(): Promise<void> {
    this.#enter();
    return this.#opened;
  }

  open(): void {
    this.#open();
  }
}

const gate = new Gate();

@Controller()
class LifecycleController {
  @Get('/hello')
  hello() {
    return { hello: 'world' };
  }

  @Get('/slow')
  async slow() {
    await gate.pass();
    return { finished: true };
  }

  @Get('/fail')
  fail() {
    throw new Error('logged, not sent');
  }
}

function buildApp(options: Parameters<typeof createApp>[0] = {}): App {
  return createApp({ controllers: [LifecycleController], logger: false, ...options });
}

function tick(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Captures what is written to stderr while `run` runs. */
async function captureStderr(run: () => Promise<unknown>): Promise<string> {
  const written: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stderr.write = original;
  }
  return written.join('');
}

describe('App', () => {
  describe('listen()', () => {
    let app: App;
    afterEach(() => app.close());

    it('resolves the port and url of an ephemeral loopback port, and exposes the server', async () => {
      app = buildApp();
      expect(app.server).to.equal(undefined);
      const { port, url } = await app.listen(0);
      expect(port).to.be.a('number').and.greaterThan(0);
      expect(url).to.equal(`http://127.0.0.1:${port}`);
      expect(app.server).to.be.instanceOf(Server);
      expect((app.server!.address() as AddressInfo).port).to.equal(port);
      const response = await send(port, { path: '/hello' });
      expect(response.status).to.equal(200);
      expect(response.body).to.equal('{"hello":"world"}');
    });

    it('defaults to an ephemeral port on 127.0.0.1', async () => {
      app = buildApp();
      const { port, url } = await app.listen();
      expect(port).to.be.greaterThan(0);
      expect(url).to.equal(`http://127.0.0.1:${port}`);
    });

    it('rejects a second listen() on the same app', async () => {
      app = buildApp();
      await app.listen(0);
      let failure: unknown;
      await app.listen(0).catch((error: unknown) => {
        failure = error;
      });
      expect(failure).to.be.instanceOf(Error);
    });

    it('rejects when the port is taken', async () => {
      app = buildApp();
      const { port } = await app.listen(0);
      const other = buildApp();
      let failure: NodeJS.ErrnoException | undefined;
      await other.listen(port).catch((error: NodeJS.ErrnoException) => {
        failure = error;
      });
      expect(failure?.code).to.equal('EADDRINUSE');
      await other.close();
    });
  });

  describe('handler', () => {
    it('works as the listener of a plain http.createServer', async () => {
      const app = buildApp();
      const server = createServer(app.handler);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const ok = await send(port, { path: '/hello' });
        expect(ok.status).to.equal(200);
        expect(ok.headers['content-type']).to.equal('application/json; charset=utf-8');
        expect(ok.body).to.equal('{"hello":"world"}');
        const missing = await send(port, { path: '/missing' });
        expect(missing.status).to.equal(404);
        expect(missing.body).to.equal('{"detail":"Not found"}');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('inject()', () => {
    it('sends a request in-process, given options or a url', async () => {
      const app = buildApp();
      const fromOptions = await app.inject({ method: 'GET', url: '/hello' });
      expect(fromOptions.statusCode).to.equal(200);
      expect(fromOptions.json()).to.deep.equal({ hello: 'world' });
      const fromUrl = await app.inject('/hello');
      expect(fromUrl.statusCode).to.equal(200);
      expect(app.server).to.equal(undefined);
    });
  });

  describe('keep-alive', () => {
    let app: App;
    let port: number;
    before(async () => {
      app = buildApp();
      port = (await app.listen(0)).port;
    });
    after(() => app.close());

    it('answers several requests on one connection, error answers included, and keeps it open', async () => {
      const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
      const result = await exchange(port, [get('/hello'), get('/missing'), get('/hello')], {
        gapMs: 20,
        until: (text) => statusLines(text).length === 3 && text.endsWith('{"hello":"world"}'),
        graceMs: 100,
      });
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 200 OK', 'HTTP/1.1 404 Not Found', 'HTTP/1.1 200 OK']);
      expect(result.text.toLowerCase()).to.include('connection: keep-alive');
      expect(result.closedByServer).to.equal(false);
    });

    it('keeps the connection open after a 500', async () => {
      const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
      const result = await exchange(port, [get('/fail'), get('/hello')], {
        gapMs: 20,
        until: (text) => statusLines(text).length === 2 && text.endsWith('{"hello":"world"}'),
        graceMs: 100,
      });
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 200 OK']);
      expect(result.closedByServer).to.equal(false);
    });
  });

  describe('close()', () => {
    it('lets an in-flight request finish with its real response, then resolves, and refuses new connections', async () => {
      gate.reset();
      const app = buildApp();
      const { port } = await app.listen(0);
      // 1. A slow request is in flight.
      const inFlight = send(port, { path: '/slow' });
      await gate.entered;
      // 2. close() is called: it must wait for that request.
      let closed = false;
      const closing = app.close().then(() => {
        closed = true;
      });
      await tick(50);
      expect(closed).to.equal(false);
      // 3. New connections are refused meanwhile.
      let refused: NodeJS.ErrnoException | undefined;
      await send(port, { path: '/hello' }).catch((error: NodeJS.ErrnoException) => {
        refused = error;
      });
      expect(refused?.code).to.equal('ECONNREFUSED');
      // 4. The handler finishes: the client gets its real answer, and close() resolves.
      gate.open();
      const response = await inFlight;
      expect(response.status).to.equal(200);
      expect(response.body).to.equal('{"finished":true}');
      await closing;
      expect(closed).to.equal(true);
    });

    it('closes idle keep-alive connections instead of waiting for them', async () => {
      const app = buildApp();
      const { port } = await app.listen(0);
      // 1. A keep-alive connection made one request and now sits idle (the exchange waits up to 5 s).
      const idle = exchange(port, ['GET /hello HTTP/1.1\r\nHost: x\r\n\r\n'], { waitMs: 5000 });
      await tick(100);
      // 2. close() resolves promptly, and the server ended the idle connection.
      const started = Date.now();
      await app.close();
      const result = await idle;
      expect(statusLines(result.text)).to.deep.equal(['HTTP/1.1 200 OK']);
      expect(result.closedByServer).to.equal(true);
      expect(Date.now() - started).to.be.lessThan(5000);
    });

    it('cuts requests still running after shutdownTimeoutMs, then resolves', async () => {
      gate.reset();
      const app = buildApp({ shutdownTimeoutMs: 100 });
      const { port } = await app.listen(0);
      const inFlight = send(port, { path: '/slow' }).then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      );
      await gate.entered;
      await app.close();
      expect(await inFlight).to.equal('ECONNRESET');
      gate.open();
    });

    it('resolves at once for an app that never listened, and returns the same promise when called again', async () => {
      const app = buildApp();
      const first = app.close();
      expect(app.close()).to.equal(first);
      await first;
    });
  });

  describe('logger', () => {
    it('a custom logger receives unhandled errors with the error itself', async () => {
      const logger = new RecordingLogger();
      const app = createApp({ controllers: [LifecycleController], logger });
      const response = await app.inject('/fail');
      expect(response.statusCode).to.equal(500);
      expect(response.body).to.equal('{"detail":"Internal Server Error"}');
      const errors = logger.records.filter((record) => record.level === 'error');
      expect(errors).to.have.length(1);
      expect((errors[0].context as { err: Error }).err.message).to.equal('logged, not sent');
    });

    it('the default logger writes errors and their stack to stderr', async () => {
      const app = createApp({ controllers: [LifecycleController] });
      let status = 0;
      const written = await captureStderr(async () => {
        status = (await app.inject('/fail')).statusCode;
      });
      expect(status).to.equal(500);
      expect(written).to.include('logged, not sent');
      expect(written).to.include('app-lifecycle.test');
    });

    it('logger: false writes nothing', async () => {
      const app = createApp({ controllers: [LifecycleController], logger: false });
      let status = 0;
      const written = await captureStderr(async () => {
        status = (await app.inject('/fail')).statusCode;
      });
      expect(status).to.equal(500);
      expect(written).to.equal('');
    });
  });
});
