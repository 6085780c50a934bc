// Nothing a client sends or does may crash the process, leave an unhandled rejection, or stop the server serving.

import { WebSocketDisconnect } from '@corbel/core';
import {
  OnConnection,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
} from '@corbel/ws';
import { expect } from 'chai';
import { guardProcess } from '../hostile/support/guard';
import { openSocket } from '../support/raw-socket';
import { clientFrame, closePayload, Opcode, rawWebSocket, upgradeRequest } from '../support/raw-websocket';
import { RecordingLogger } from '../support/recording-logger';
import { sendUpgrade } from './support/upgrade-request';
import { type RunningApp, useWsApps } from './support/ws-app';
import { deferred, eventually } from './support/ws-client';

const ended: number[] = [];

@WebSocketGateway('/echo')
class EchoGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    try {
      for (;;) await socket.sendText(await socket.receiveText());
    } catch (error) {
      if (error instanceof WebSocketDisconnect) ended.push(error.code);
      throw error;
    }
  }
}

@WebSocketGateway('/events')
class EventsGateway {
  @SubscribeMessage('echo')
  echo(data: unknown) {
    return data;
  }
}

/** The app still completes a normal exchange on a fresh connection. */
async function expectServing(running: RunningApp): Promise<void> {
  const client = await running.connect('/echo');
  await client.send('still here');
  expect(await client.nextText()).to.equal('still here');
  client.socket.terminate();
}

describe('hostile WebSocket clients', () => {
  let running: RunningApp;
  let logger: RecordingLogger;
  // Registered first so its afterEach runs while the app is still up.
  guardProcess(() => expectServing(running));
  const start = useWsApps();

  beforeEach(async () => {
    ended.length = 0;
    logger = new RecordingLogger();
    running = await start({ gateways: [EchoGateway, EventsGateway], logger, maxPayload: 64 * 1024 });
  });

  const closeFrames: [string, Buffer, number][] = [
    ['code 1005, which may not be sent', closePayload(1005), 1002],
    ['code 999', closePayload(999), 1002],
    ['code 5000', closePayload(5000), 1002],
    ['a one-byte payload', Buffer.from([3]), 1002],
    ['a reason that is not UTF-8', closePayload(4000, Buffer.from([0xff, 0xfe])), 1007],
  ];
  for (const [what, payload, code] of closeFrames) {
    it(`a close frame with ${what} is answered ${code} and the handler sees a disconnect`, async () => {
      const raw = await rawWebSocket(running.url, '/echo');
      raw.socket.write(clientFrame(Opcode.close, payload));
      await raw.closed;
      expect(raw.closeFrame()?.code).to.equal(code);
      await eventually(() => ended.length === 1, 'the handler to see the disconnect');
    });
  }

  it('an unmasked frame, an unknown opcode and bytes that are not frames are protocol errors (1002)', async () => {
    const attempts = [
      clientFrame(Opcode.text, Buffer.from('hi'), { mask: false }),
      clientFrame(0x3, Buffer.from('reserved opcode')),
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
    ];
    for (const bytes of attempts) {
      const raw = await rawWebSocket(running.url, '/echo');
      raw.socket.write(bytes);
      await raw.closed;
      expect(raw.closeFrame()?.code).to.equal(1002);
    }
  });

  it('a fragmented message abandoned halfway, then a dropped connection, ends the handler with 1006', async () => {
    const raw = await rawWebSocket(running.url, '/echo');
    raw.socket.write(clientFrame(Opcode.text, Buffer.from('part one'), { fin: false }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    raw.socket.destroy();
    await eventually(() => ended.length === 1, 'the handler to see the disconnect');
    expect(ended).to.deep.equal([1006]);
  });

  it('a message announcing more than maxPayload is refused with 1009 before it is read', async () => {
    const raw = await rawWebSocket(running.url, '/echo');
    // Only the header of a 1 GiB frame: the server must not wait for (or buffer) the body.
    const header = clientFrame(Opcode.binary, Buffer.alloc(0)).subarray(0, 2);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(1024n ** 3n);
    raw.socket.write(Buffer.concat([Buffer.from([header[0], 0x80 | 127]), big, Buffer.alloc(4)]));
    await raw.closed;
    expect(raw.closeFrame()?.code).to.equal(1009);
  });

  it('dropping the connection while the server is sending makes its sends reject with WebSocketDisconnect', async () => {
    const outcome = deferred<unknown>();
    @WebSocketGateway('/firehose')
    class FirehoseGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        const chunk = new Uint8Array(64 * 1024);
        try {
          for (let index = 0; index < 10_000; index++) await socket.sendBytes(chunk);
          outcome.resolve('finished');
        } catch (error) {
          outcome.resolve(error);
        }
      }
    }
    const firehose = await start({ gateways: [FirehoseGateway], logger: false });
    const client = await firehose.connect('/firehose');
    await client.nextMessage();
    client.socket.terminate();
    const error = await outcome.promise;
    expect(error).to.be.instanceOf(WebSocketDisconnect);
    expect((error as WebSocketDisconnect).code).to.equal(1006);
  });

  it('a flood of frames followed by an abrupt drop leaves nothing behind', async () => {
    const client = await running.connect('/events');
    for (let index = 0; index < 2_000; index++) client.socket.send(JSON.stringify({ event: 'echo', data: index }));
    client.socket.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logger.errorsText()).to.equal('');
  });

  it('a client that leaves during handleConnection is never opened and never reaches handleDisconnect', async () => {
    const entered = deferred();
    const finished = deferred();
    const calls: string[] = [];
    @WebSocketGateway('/slow')
    class SlowGateway implements OnGatewayConnection, OnGatewayDisconnect {
      async handleConnection() {
        entered.resolve();
        await new Promise((resolve) => setTimeout(resolve, 30));
        calls.push('connected');
        setTimeout(() => finished.resolve(), 20);
      }
      handleDisconnect() {
        calls.push('disconnected');
      }
      @OnConnection()
      run() {
        calls.push('run');
      }
    }
    const slow = await start({ gateways: [SlowGateway], logger: false });
    // 1. send the upgrade request by hand; 2. drop the socket while handleConnection runs.
    const socket = await openSocket(slow.url);
    socket.on('error', () => {});
    socket.write(upgradeRequest('/slow'));
    await entered.promise;
    socket.destroy();
    await finished.promise;
    expect(calls).to.deep.equal(['connected']);
  });

  it('a logger that throws turns no protocol error, heartbeat cut or 1011 into a crash', async () => {
    const throwing = {
      error: () => {
        throw new Error('logger down');
      },
      warn: () => {
        throw new Error('logger down');
      },
      info: () => {
        throw new Error('logger down');
      },
      debug: () => {
        throw new Error('logger down');
      },
    };
    @WebSocketGateway('/fragile')
    class FragileGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        const text = await socket.receiveText();
        if (text === 'crash') throw new Error('handler bug');
        if (text === 'bad-code') await socket.close(1006);
      }
    }
    const fragile = await start({ gateways: [FragileGateway], logger: throwing, heartbeatMs: 20 });
    // 1. a protocol error (logged at debug by the channel).
    const raw = await rawWebSocket(fragile.url, '/fragile');
    raw.socket.write(clientFrame(Opcode.text, Buffer.from('x'), { mask: false }));
    await raw.closed;
    // 2. an unhandled handler error (logged by the default filter, then by the dispatcher).
    const crash = await fragile.connect('/fragile');
    await crash.send('crash');
    expect((await crash.waitClosed()).code).to.equal(1011);
    // 3. an unsendable close code (logged by the channel).
    const badCode = await fragile.connect('/fragile');
    await badCode.send('bad-code');
    expect((await badCode.waitClosed()).code).to.equal(1011);
    // 4. a heartbeat cut (logged at debug from a timer).
    const silent = await rawWebSocket(fragile.url, '/fragile');
    await silent.closed;
  });

  it('an upgrade to a malformed path answers 404, and a gateway whose handleDisconnect throws only logs', async () => {
    expect((await sendUpgrade(running.url, '/%zz')).status).to.equal(404);
    const failing = new RecordingLogger();
    @WebSocketGateway('/bad-cleanup')
    class BadCleanupGateway implements OnGatewayDisconnect {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText();
      }
      handleDisconnect() {
        throw new Error('cleanup bug');
      }
    }
    const app = await start({ gateways: [BadCleanupGateway], logger: failing });
    const client = await app.connect('/bad-cleanup');
    await client.close(1000);
    await eventually(() => failing.errorsText().includes('cleanup bug'), 'the cleanup error to be logged');
  });
});
