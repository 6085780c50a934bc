// The connection's receive, send and close rules, seen from a real ws client against a real server.
import { WebSocketDisconnect, WebSocketException } from '@corbel/core';
import { OnConnection, type WebSocketConnection, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { RecordingLogger } from '../support/recording-logger';
import { useWsApps } from './support/ws-app';
import { deferred, eventually } from './support/ws-client';

function isValid(message: unknown): boolean {
  return typeof message === 'object' && message !== null && typeof (message as { text?: unknown }).text === 'string';
}

describe('WebSocketConnection', () => {
  const start = useWsApps();

  it('a client closing with 4001 "bye" makes the pending receive reject with WebSocketDisconnect(4001, "bye")', async () => {
    const seen: unknown[] = [];
    const done = deferred();
    @WebSocketGateway('/wait')
    class WaitGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        try {
          await socket.receiveText();
        } catch (error) {
          seen.push(error);
          // 2. every later receive rejects the same way, and sends reject too.
          seen.push(await socket.receiveJson().catch((later: unknown) => later));
          seen.push(await socket.sendText('too late').catch((later: unknown) => later));
          seen.push([socket.state, socket.closeCode, socket.closeReason]);
        }
        done.resolve();
      }
    }
    const { connect } = await start({ gateways: [WaitGateway] });
    const client = await connect('/wait');
    // 1. the client closes while the handler waits in receiveText().
    await client.close(4001, 'bye');
    await done.promise;
    const [first, later, send, state] = seen;
    expect(first).to.be.instanceOf(WebSocketDisconnect);
    expect([(first as WebSocketDisconnect).code, (first as WebSocketDisconnect).reason]).to.deep.equal([4001, 'bye']);
    expect(later).to.be.instanceOf(WebSocketDisconnect);
    expect((later as WebSocketDisconnect).code).to.equal(4001);
    expect(send).to.be.instanceOf(WebSocketDisconnect);
    expect(state).to.deep.equal(['closed', 4001, 'bye']);
  });

  it('a dropped TCP connection surfaces as WebSocketDisconnect(1006, "")', async () => {
    const seen: WebSocketDisconnect[] = [];
    const done = deferred();
    @WebSocketGateway('/drop')
    class DropGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveBytes().catch((error: WebSocketDisconnect) => seen.push(error));
        done.resolve();
      }
    }
    const { connect } = await start({ gateways: [DropGateway] });
    const client = await connect('/drop');
    client.socket.terminate();
    await done.promise;
    expect([seen[0].code, seen[0].reason]).to.deep.equal([1006, '']);
  });

  it('the seed pattern: WebSocketException(4000, "Invalid message format") reaches the client as 4000 and that reason', async () => {
    const logger = new RecordingLogger();
    @WebSocketGateway('/echo')
    class EchoGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        while (true) {
          const message = await socket.receiveJson();
          if (!isValid(message)) throw new WebSocketException(4000, 'Invalid message format');
          await socket.sendJson(message);
        }
      }
    }
    const { connect } = await start({ gateways: [EchoGateway], logger });
    const client = await connect('/echo');
    await client.sendJson({ text: 'hello' });
    expect(await client.nextJson()).to.deep.equal({ text: 'hello' });
    await client.sendJson({ nope: true });
    expect(await client.waitClosed()).to.deep.equal({ code: 4000, reason: 'Invalid message format' });
    expect(logger.errorsText()).to.equal('');
  });

  it('a 300-byte close reason arrives cut to at most 123 bytes of valid UTF-8, on a character boundary', async () => {
    // 'é' is 2 bytes and '😀' 4: a cut at byte 123 would fall inside a character.
    const reason = `${'é'.repeat(50)}${'😀'.repeat(50)}`;
    expect(Buffer.byteLength(reason)).to.equal(300);
    @WebSocketGateway('/long')
    class LongReasonGateway {
      @OnConnection()
      run() {
        throw new WebSocketException(4002, reason);
      }
    }
    const { connect } = await start({ gateways: [LongReasonGateway] });
    const client = await connect('/long');
    const { code, reason: received } = await client.waitClosed();
    expect(code).to.equal(4002);
    const bytes = Buffer.byteLength(received);
    expect(bytes).to.be.at.most(123).and.at.least(120);
    expect(reason.startsWith(received)).to.equal(true);
    expect(Buffer.from(received, 'utf8').toString('utf8')).to.equal(received);
  });

  it('a close code that may not be sent becomes 1011 and is logged', async () => {
    const logger = new RecordingLogger();
    @WebSocketGateway('/bad-code')
    class BadCodeGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.close(1006, 'reserved');
      }
    }
    const { connect } = await start({ gateways: [BadCodeGateway], logger });
    const client = await connect('/bad-code');
    expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'reserved' });
    expect(logger.errorsText()).to.contain('1011');
  });

  for (const code of [999, 1004, 1005, 1015, 2999, 5000, 4000.5, Number.NaN]) {
    it(`WebSocketException(${code}) closes with 1011 instead of letting ws throw`, async () => {
      @WebSocketGateway('/odd')
      class OddGateway {
        @OnConnection()
        run() {
          throw new WebSocketException(code, 'odd');
        }
      }
      const { connect } = await start({ gateways: [OddGateway] });
      const client = await connect('/odd');
      expect((await client.waitClosed()).code).to.equal(1011);
    });
  }

  it('close() is idempotent: the first code wins and later calls resolve once closed', async () => {
    const states: string[] = [];
    const done = deferred();
    @WebSocketGateway('/twice')
    class TwiceGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        states.push(socket.state);
        const first = socket.close(4010, 'first');
        states.push(socket.state);
        const second = socket.close(4020, 'second');
        await Promise.all([first, second]);
        states.push(socket.state, String(socket.closeCode), String(socket.closeReason));
        done.resolve();
      }
    }
    const { connect } = await start({ gateways: [TwiceGateway] });
    const client = await connect('/twice');
    expect(await client.waitClosed()).to.deep.equal({ code: 4010, reason: 'first' });
    await done.promise;
    expect(states).to.deep.equal(['open', 'closing', 'closed', '4010', 'first']);
  });

  it('receiveJson() on invalid JSON closes with 1007', async () => {
    @WebSocketGateway('/json')
    class JsonGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveJson();
      }
    }
    const { connect } = await start({ gateways: [JsonGateway] });
    const client = await connect('/json');
    await client.send('{not json');
    expect((await client.waitClosed()).code).to.equal(1007);
  });

  it('receiveText() on a binary frame, and receiveBytes() on a text frame, close with 1003', async () => {
    @WebSocketGateway('/text')
    class TextGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText();
      }
    }
    @WebSocketGateway('/bytes')
    class BytesGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveBytes();
      }
    }
    const { connect } = await start({ gateways: [TextGateway, BytesGateway] });
    const text = await connect('/text');
    await text.send(Buffer.from([1, 2, 3]));
    expect((await text.waitClosed()).code).to.equal(1003);
    const bytes = await connect('/bytes');
    await bytes.send('hello');
    expect((await bytes.waitClosed()).code).to.equal(1003);
  });

  it('for await yields text and binary messages and ends quietly when the client leaves', async () => {
    const logger = new RecordingLogger();
    const received: unknown[] = [];
    const done = deferred();
    @WebSocketGateway('/iterate')
    class IterateGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        for await (const message of socket) {
          received.push(message);
          await socket.sendText(`got ${received.length}`);
        }
        received.push('ended');
        done.resolve();
      }
    }
    const { connect } = await start({ gateways: [IterateGateway], logger });
    const client = await connect('/iterate');
    await client.send('one');
    await client.nextText();
    await client.send(Buffer.from([7, 8]));
    await client.nextText();
    await client.close(1000);
    await done.promise;
    expect(received).to.deep.equal(['one', Buffer.from([7, 8]), 'ended']);
    expect(logger.errorsText()).to.equal('');
  });

  it('sends resolve once written: text, bytes and JSON arrive as such', async () => {
    @WebSocketGateway('/send')
    class SendGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.sendText('plain');
        await socket.sendBytes(new Uint8Array([1, 2, 255]));
        await socket.sendJson({ ok: true, list: [1, 2] });
        await socket.receiveText();
      }
    }
    const { connect } = await start({ gateways: [SendGateway] });
    const client = await connect('/send');
    expect(await client.nextText()).to.equal('plain');
    const bytes = await client.nextMessage();
    expect([bytes.isBinary, [...bytes.data]]).to.deep.equal([true, [1, 2, 255]]);
    expect(await client.nextJson()).to.deep.equal({ ok: true, list: [1, 2] });
  });

  it('sendJson() of a value JSON cannot represent rejects with a TypeError (closing 1011 if it escapes)', async () => {
    const seen: unknown[] = [];
    @WebSocketGateway('/bigint')
    class BigIntGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        seen.push(await socket.sendJson(undefined).catch((error: unknown) => error));
        await socket.sendJson({ n: 1n });
      }
    }
    const { connect } = await start({ gateways: [BigIntGateway] });
    const client = await connect('/bigint');
    expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
    expect(seen[0]).to.be.instanceOf(TypeError);
  });

  it('exposes the handshake params, query and headers', async () => {
    const seen: unknown[] = [];
    @WebSocketGateway('/rooms/:room')
    class RoomGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        seen.push(socket.params, socket.query, socket.headers.host !== undefined, socket.path);
        await socket.sendText('ready');
        await socket.receiveText();
      }
    }
    const { connect } = await start({ gateways: [RoomGateway] });
    const client = await connect('/rooms/lobby%20one?nick=ann&tag=a&tag=b');
    await client.nextText();
    expect(seen).to.deep.equal([{ room: 'lobby one' }, { nick: 'ann', tag: ['a', 'b'] }, true, '/rooms/lobby%20one']);
  });

  it('a path without params and a URL without query give empty records, and shared header values read as sent', async () => {
    const seen: { params: object; query: object; headers: Record<string, unknown> }[] = [];
    @WebSocketGateway('/plain')
    class PlainGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        seen.push({ params: { ...socket.params }, query: { ...socket.query }, headers: { ...socket.headers } });
        await socket.sendText('ready');
        await socket.receiveText();
      }
    }
    const { connect } = await start({ gateways: [PlainGateway] });
    // Over 512 distinct values (the sharing table's bound), a long one, and one every handshake repeats.
    const sent = Array.from({ length: 600 }, (_, index) => ({
      'x-client': `client-${index}`,
      'x-long': 'L'.repeat(300) + index,
      'user-agent': 'corbel-test/1.0',
    }));
    for (const headers of sent) {
      const client = await connect('/plain', headers);
      await client.nextText();
      client.socket.terminate();
    }
    expect(seen).to.have.length(sent.length);
    seen.forEach((connection, index) => {
      expect(connection.params).to.deep.equal({});
      expect(connection.query).to.deep.equal({});
      expect(connection.headers).to.include(sent[index]);
      expect(connection.headers['sec-websocket-key']).to.be.a('string');
    });
    const keys = new Set(seen.map((connection) => connection.headers['sec-websocket-key']));
    expect(keys.size).to.equal(sent.length);
  });

  it('when a receive-loop method returns, the connection closes with 1000', async () => {
    @WebSocketGateway('/short')
    class ShortGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.sendText('bye');
      }
    }
    const { connect } = await start({ gateways: [ShortGateway] });
    const client = await connect('/short');
    expect(await client.nextText()).to.equal('bye');
    expect((await client.waitClosed()).code).to.equal(1000);
  });

  it('a message over maxPayload closes with 1009, and invalid UTF-8 in a text frame with 1007', async () => {
    const ended: number[] = [];
    @WebSocketGateway('/limits')
    class LimitsGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText().catch((error: WebSocketDisconnect) => ended.push(error.code));
      }
    }
    const { connect } = await start({ gateways: [LimitsGateway], maxPayload: 1024 });
    const big = await connect('/limits');
    await big.send('x'.repeat(2048)).catch(() => {});
    expect((await big.waitClosed()).code).to.equal(1009);
    const broken = await connect('/limits');
    // ws sends a Buffer given with binary: false as a text frame without checking it.
    await broken.send(Buffer.from([0xc3, 0x28]), { binary: false }).catch(() => {});
    expect((await broken.waitClosed()).code).to.equal(1007);
    await eventually(() => ended.length === 2, 'both handlers to see the disconnect');
    expect(ended).to.have.members([1009, 1007]);
  });

  it('the heartbeat cuts a peer that stops answering pings, which the handler sees as 1006', async () => {
    const ended = deferred<WebSocketDisconnect>();
    @WebSocketGateway('/quiet')
    class QuietGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText().catch((error: WebSocketDisconnect) => ended.resolve(error));
      }
    }
    const { url } = await start({ gateways: [QuietGateway], heartbeatMs: 30 });
    const silent = new WebSocket(`${url.replace('http', 'ws')}/quiet`, { autoPong: false });
    silent.on('error', () => {});
    const error = await ended.promise;
    expect(error.code).to.equal(1006);
    silent.terminate();
  });

  it('a peer that answers pings stays connected across many heartbeats', async () => {
    @WebSocketGateway('/alive')
    class AliveGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        const text = await socket.receiveText();
        await socket.sendText(text);
      }
    }
    const { connect } = await start({ gateways: [AliveGateway], heartbeatMs: 10 });
    const client = await connect('/alive');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.send('still here');
    expect(await client.nextText()).to.equal('still here');
  });
});
