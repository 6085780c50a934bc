// Hostile WebSocket clients and edge cases: precise close codes, bounded memory, no socket for bad upgrades.
import { Controller, createApp, Get, WebSocketDisconnect, WebSocketException } from '@corbel/core';
import { OnConnection, type WebSocketConnection, WebSocketGateway, webSockets } from '@corbel/ws';
import { expect } from 'chai';
import fc from 'fast-check';
import WebSocket from 'ws';
import { send } from '../support/http-client';
import { exchange, rawStatus } from '../support/raw-socket';
import { clientFrame, closePayload, Opcode, rawWebSocket, upgradeRequest } from '../support/raw-websocket';
import { RecordingLogger } from '../support/recording-logger';
import { delay, HealthController, retainedBytes, type Served, serve, waitFor } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

const MAX_PAYLOAD = 64 * 1024;

/** What the gateways saw, reset before each test. */
const seen = {
  connections: 0,
  /** What ended each receive loop. */
  endings: [] as unknown[],
  /** The outcome of sends and a second close() made after the connection closed. */
  afterClose: [] as PromiseSettledResult<unknown>[],
  flood: { received: 0, outOfOrder: 0, slow: true },
  closeReason: '',
};

function resetSeen(): void {
  seen.connections = 0;
  seen.endings = [];
  seen.afterClose = [];
  seen.flood = { received: 0, outOfOrder: 0, slow: true };
  seen.closeReason = '';
}

@WebSocketGateway('/record')
class RecordingGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    seen.connections++;
    try {
      for (;;) await socket.sendText(await socket.receiveText());
    } catch (error) {
      seen.endings.push(error);
      throw error;
    }
  }
}

@WebSocketGateway('/after-close')
class AfterCloseGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    try {
      for (;;) await socket.receiveText();
    } catch (error) {
      seen.endings.push(error);
      seen.afterClose = await Promise.allSettled([
        socket.sendText('late'),
        socket.sendBytes(new Uint8Array([1, 2, 3])),
        socket.sendJson({ late: true }),
        socket.close(1000, 'again').then(() => 'closed'),
      ]);
    }
  }
}

@WebSocketGateway('/close-with-reason')
class CloseWithReasonGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    const reason = await socket.receiveJson<string>();
    await socket.close(4000, reason);
    seen.afterClose = await Promise.allSettled([socket.sendText('after my own close')]);
  }
}

@WebSocketGateway('/throw-reason')
class ThrowReasonGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    const reason = await socket.receiveJson<string>();
    throw new WebSocketException(4001, reason);
  }
}

@WebSocketGateway('/flood')
class FloodGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    for (;;) {
      const message = await socket.receiveText();
      if (Number(message.slice(0, 8)) !== seen.flood.received) seen.flood.outOfOrder++;
      seen.flood.received++;
      if (seen.flood.slow) await delay(1);
    }
  }
}

@Controller('/busy')
class BusyController {
  @Get()
  async busy() {
    await delay(100);
    return { done: true };
  }
}

function createWsApp(logger: RecordingLogger | false) {
  return createApp({
    controllers: [HealthController, BusyController],
    logger,
    plugins: [
      webSockets({
        gateways: [RecordingGateway, AfterCloseGateway, CloseWithReasonGateway, ThrowReasonGateway, FloodGateway],
        maxPayload: MAX_PAYLOAD,
        heartbeatMs: 0,
      }),
    ],
  });
}

/** A text frame the server must echo back, proving WebSockets are still served. */
async function expectEcho(url: string): Promise<void> {
  const raw = await rawWebSocket(url, '/record');
  raw.socket.write(clientFrame(Opcode.text, Buffer.from('still here')));
  expect(await waitFor(() => raw.received().includes('still here')), 'an echo on a fresh connection').to.equal(true);
  raw.socket.destroy();
}

function expectDisconnect(ending: unknown, code: number): void {
  expect(ending).to.be.instanceOf(WebSocketDisconnect);
  expect((ending as WebSocketDisconnect).code).to.equal(code);
}

describe('hostile WebSocket clients', () => {
  let served: Served;
  const logger = new RecordingLogger();

  before(async () => {
    served = await serve(createWsApp(logger));
  });
  after(() => served.app.close());
  beforeEach(() => {
    resetSeen();
    logger.records.length = 0;
  });
  guardProcess(async () => {
    await expectServing(served.url);
    await expectEcho(served.url);
  });

  describe('frames', () => {
    it('closes with 1007 on invalid UTF-8 in a text frame; the handler sees WebSocketDisconnect(1007)', async () => {
      const raw = await rawWebSocket(served.url, '/record');
      raw.socket.write(clientFrame(Opcode.text, Buffer.from([0x68, 0xc3, 0x28, 0x69])));
      await raw.closed;
      expect(raw.closeFrame()?.code).to.equal(1007);
      expect(await waitFor(() => seen.endings.length === 1)).to.equal(true);
      expectDisconnect(seen.endings[0], 1007);
    });

    it('closes with 1009 on a frame over maxPayload; the handler sees WebSocketDisconnect(1009)', async () => {
      const raw = await rawWebSocket(served.url, '/record');
      raw.socket.write(clientFrame(Opcode.binary, Buffer.alloc(MAX_PAYLOAD + 1)));
      await raw.closed;
      expect(raw.closeFrame()?.code).to.equal(1009);
      expect(await waitFor(() => seen.endings.length === 1)).to.equal(true);
      expectDisconnect(seen.endings[0], 1009);
    });

    it('closes with 1009 as soon as a frame announces 1 GiB, without waiting for the bytes', async () => {
      const raw = await rawWebSocket(served.url, '/record');
      raw.socket.write(clientFrame(Opcode.binary, Buffer.alloc(16), { announcedLength: 1024 ** 3 }));
      await raw.closed;
      expect(raw.closeFrame()?.code).to.equal(1009);
    });

    for (const code of [1005, 1006, 999]) {
      it(`ends the connection on a client close frame with the reserved code ${code}; the handler sees WebSocketDisconnect`, async () => {
        const raw = await rawWebSocket(served.url, '/record');
        raw.socket.write(clientFrame(Opcode.close, closePayload(code)));
        await raw.closed;
        // ws answers a close code that may not be sent as a protocol error.
        expect(raw.closeFrame()?.code).to.equal(1002);
        expect(await waitFor(() => seen.endings.length === 1)).to.equal(true);
        expectDisconnect(seen.endings[0], 1002);
      });
    }

    it('a TCP reset in the middle of a message ends the handler with WebSocketDisconnect(1006, "")', async () => {
      const raw = await rawWebSocket(served.url, '/record');
      expect(await waitFor(() => seen.connections === 1)).to.equal(true);
      // 1. A frame that announces 1,000 bytes; only 10 arrive.
      raw.socket.write(clientFrame(Opcode.text, Buffer.from('0123456789'), { announcedLength: 1000 }).subarray(0, 18));
      await delay(20);
      // 2. The client's TCP stack resets the connection.
      raw.socket.resetAndDestroy();
      expect(await waitFor(() => seen.endings.length === 1)).to.equal(true);
      expectDisconnect(seen.endings[0], 1006);
      expect((seen.endings[0] as WebSocketDisconnect).reason).to.equal('');
      expect(logger.errorsText()).to.equal('');
    });
  });

  describe('sends after close', () => {
    it('after the client closed, every send rejects with its WebSocketDisconnect and close() resolves', async () => {
      const raw = await rawWebSocket(served.url, '/after-close');
      raw.socket.write(clientFrame(Opcode.close, closePayload(4001, Buffer.from('bye'))));
      await raw.closed;
      expect(await waitFor(() => seen.afterClose.length === 4)).to.equal(true);
      expectDisconnect(seen.endings[0], 4001);
      const [text, bytes, json, close] = seen.afterClose;
      for (const outcome of [text, bytes, json]) {
        expect(outcome.status).to.equal('rejected');
        const reason = (outcome as PromiseRejectedResult).reason;
        expectDisconnect(reason, 4001);
        expect((reason as WebSocketDisconnect).reason).to.equal('bye');
      }
      expect(close).to.deep.equal({ status: 'fulfilled', value: 'closed' });
    });

    it("after the server's own close(), a send rejects with WebSocketDisconnect carrying that close", async () => {
      const raw = await rawWebSocket(served.url, '/close-with-reason');
      raw.socket.write(clientFrame(Opcode.text, Buffer.from('"done"')));
      // The client answers the server's close frame, as a browser does.
      await waitFor(() => raw.closeFrame() !== undefined);
      raw.socket.write(clientFrame(Opcode.close, closePayload(4000)));
      expect(await waitFor(() => seen.afterClose.length === 1)).to.equal(true);
      const [outcome] = seen.afterClose;
      expect(outcome.status).to.equal('rejected');
      expectDisconnect((outcome as PromiseRejectedResult).reason, 4000);
    });
  });

  describe('close reasons from the application', () => {
    // 10 KB of one-, two- and four-byte characters: a cut at 123 bytes may fall inside any of them.
    const longReason = 'aé😀'.repeat(1500);

    function expectCutReason(reason: Buffer, original: string): void {
      const originalBytes = Buffer.from(original, 'utf8');
      expect(reason.length).to.be.at.most(123);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(reason), 'valid UTF-8').to.not.throw();
      expect(originalBytes.subarray(0, reason.length).equals(reason), 'a prefix of the original').to.equal(true);
      if (originalBytes.length <= 123) expect(reason.length).to.equal(originalBytes.length);
      else expect(reason.length, 'the longest whole-character prefix').to.be.at.least(120);
    }

    for (const [how, path, code] of [
      ['close(4000, reason)', '/close-with-reason', 4000],
      ['throw new WebSocketException(4001, reason)', '/throw-reason', 4001],
    ] as const) {
      it(`a 10 KB reason given to ${how} is at most 123 bytes of valid UTF-8 on the wire`, async () => {
        const raw = await rawWebSocket(served.url, path);
        raw.socket.write(clientFrame(Opcode.text, Buffer.from(JSON.stringify(longReason))));
        expect(await waitFor(() => raw.closeFrame() !== undefined)).to.equal(true);
        const frame = raw.closeFrame()!;
        expect(frame.code).to.equal(code);
        expectCutReason(frame.reason, longReason);
        raw.socket.destroy();
      });
    }

    it('any reason, lone surrogates included, arrives as a valid UTF-8 prefix of at most 123 bytes', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (reason) => {
          const raw = await rawWebSocket(served.url, '/close-with-reason');
          try {
            raw.socket.write(clientFrame(Opcode.text, Buffer.from(JSON.stringify(reason))));
            expect(await waitFor(() => raw.closeFrame() !== undefined)).to.equal(true);
            const frame = raw.closeFrame()!;
            expect(frame.code).to.equal(4000);
            expectCutReason(frame.reason, reason);
          } finally {
            raw.socket.destroy();
          }
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('a flood at a slow reader', () => {
    it('100,000 messages: the socket is paused while the handler is slow, memory stays bounded, none is lost', async function () {
      this.timeout(30_000);
      const total = 100_000;
      const payloadBytes = 300;
      const raw = await rawWebSocket(served.url, '/flood');
      const frameOf = (index: number) =>
        clientFrame(Opcode.text, Buffer.from(String(index).padStart(8, '0').padEnd(payloadBytes, '.')));
      let sent = 0;
      const retainedBefore = retainedBytes();

      // Writes batches with backpressure until `until` passes or everything is sent.
      async function pump(until: number): Promise<void> {
        while (sent < total && Date.now() < until) {
          const batch: Buffer[] = [];
          for (let count = 0; count < 200 && sent < total; count++) batch.push(frameOf(sent++));
          if (!raw.socket.write(Buffer.concat(batch))) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(finish, Math.max(0, until - Date.now()));
              function finish() {
                clearTimeout(timer);
                raw.socket.off('drain', finish);
                resolve();
              }
              raw.socket.on('drain', finish);
            });
          }
        }
      }

      // 1. Flood for 1.5 s while the handler takes a millisecond per message.
      await pump(Date.now() + 1500);
      const sentWhileSlow = sent;
      const receivedWhileSlow = seen.flood.received;
      const retainedGrowth = retainedBytes() - retainedBefore;
      // 2. The server stopped reading: the client could not hand over all 30 MB, and what it did write is not
      //    held in memory (it waits in TCP buffers, or in the bounded queue).
      expect(sentWhileSlow, 'messages the client could write').to.be.below(total);
      expect(receivedWhileSlow).to.be.below(sentWhileSlow);
      const writtenBytes = sentWhileSlow * payloadBytes;
      expect(writtenBytes, 'bytes written while slow').to.be.above(1024 * 1024);
      // A server that kept reading would hold the whole 30 MB by now.
      expect(retainedGrowth, 'bytes the process holds after a full GC').to.be.below(8 * 1024 * 1024);
      // 3. The handler speeds up: every message arrives, in order, exactly once.
      seen.flood.slow = false;
      await pump(Date.now() + 20_000);
      expect(sent).to.equal(total);
      expect(await waitFor(() => seen.flood.received === total, 20_000)).to.equal(true);
      expect(seen.flood.outOfOrder).to.equal(0);
      raw.socket.destroy();
    });
  });

  describe('upgrade requests', () => {
    const cases: [string, string, number][] = [
      ['a wrong Sec-WebSocket-Version', upgradeRequest('/record', { 'Sec-WebSocket-Version': '12' }), 400],
      ['a missing Sec-WebSocket-Key', upgradeRequest('/record', { 'Sec-WebSocket-Key': undefined }), 400],
      ['a malformed Sec-WebSocket-Key', upgradeRequest('/record', { 'Sec-WebSocket-Key': 'short' }), 400],
      ['an unknown path', upgradeRequest('/nowhere'), 404],
    ];
    for (const [what, request, status] of cases) {
      it(`answers an upgrade with ${what} with HTTP ${status}, and opens no socket`, async () => {
        const { text, closedByServer } = await exchange(served.url, [request]);
        expect(rawStatus(text)).to.equal(status);
        expect(text).to.not.match(/^HTTP\/1\.1 101/);
        expect(closedByServer).to.equal(true);
        expect(seen.connections).to.equal(0);
      });
    }

    it('answers the unknown path with a JSON detail', async () => {
      const { text } = await exchange(served.url, [upgradeRequest('/nowhere')]);
      expect(text.slice(text.indexOf('\r\n\r\n') + 4)).to.equal('{"detail":"Not found"}');
    });
  });
});

describe('app.close() with WebSocket clients and HTTP requests in flight', () => {
  guardProcess();
  beforeEach(resetSeen);

  it('closes every WebSocket with 1001, lets HTTP requests finish, and leaves no handle', async () => {
    const { app, url } = await serve(createWsApp(false));
    const before = process.getActiveResourcesInfo().filter((type) => type.startsWith('TCP')).length;

    // 1. Three WebSocket clients and ten HTTP requests in flight.
    const clients = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const client = new WebSocket(`${url.replace('http', 'ws')}/record`);
            client.once('open', () => resolve(client));
            client.once('error', reject);
          }),
      ),
    );
    const closes = clients.map(
      (client) =>
        new Promise<[number, string]>((resolve) =>
          client.once('close', (code, reason) => resolve([code, reason.toString()])),
        ),
    );
    expect(await waitFor(() => seen.connections === 3)).to.equal(true);
    const requests = Array.from({ length: 10 }, () => send(url, { path: '/busy' }));
    await delay(20);

    // 2. close(): clients hear 1001, handlers see the disconnect, HTTP requests get their answers.
    await app.close();
    expect(await Promise.all(closes)).to.deep.equal([
      [1001, 'Server shutting down'],
      [1001, 'Server shutting down'],
      [1001, 'Server shutting down'],
    ]);
    for (const answer of await Promise.all(requests)) expect(answer.status).to.equal(200);
    expect(seen.endings).to.have.length(3);
    for (const ending of seen.endings) expectDisconnect(ending, 1001);

    // 3. No socket is left open (client sockets finish closing a moment after their last event).
    const openSockets = () => process.getActiveResourcesInfo().filter((type) => type.startsWith('TCP')).length;
    expect(await waitFor(() => openSockets() <= before), `${openSockets()} TCP handles, ${before} before`).to.equal(
      true,
    );
  });
});
