// A slow handler and a fast sender: the bounded queue pauses the socket, so TCP pushes back instead of memory growing.
import { MessageBody, OnConnection, SubscribeMessage, type WebSocketConnection, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { useWsApps } from './support/ws-app';
import { deferred } from './support/ws-client';

const MESSAGE_BYTES = 32 * 1024;
const MESSAGES = 1024; // 32 MiB in all
const TOTAL_BYTES = MESSAGE_BYTES * MESSAGES;

/** Waits until `read()` has not changed for `quietMs` (bounded), then returns it. */
async function settled(read: () => number, quietMs = 150, limitMs = 4_000): Promise<number> {
  const deadline = Date.now() + limitMs;
  let last = read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
  }
  return last;
}

describe('backpressure', () => {
  const start = useWsApps();

  it('a blocked @SubscribeMessage handler leaves the sender holding its data; all of it is served once unblocked', async () => {
    const gate = deferred();
    let handled = 0;
    @WebSocketGateway('/slow')
    class SlowGateway {
      @SubscribeMessage('work')
      async work() {
        handled++;
        if (handled === 1) await gate.promise;
      }

      @SubscribeMessage('count')
      count() {
        return handled;
      }
    }
    const { connect } = await start({ gateways: [SlowGateway] });
    const client = await connect('/slow');
    const payload = JSON.stringify({ event: 'work', data: 'x'.repeat(MESSAGE_BYTES - 40) });
    // 1. flood without waiting for anything.
    for (let index = 0; index < MESSAGES; index++) client.socket.send(payload);
    // 2. the server stopped reading: most of the flood is still in the client's own buffer.
    const stuck = await settled(() => client.socket.bufferedAmount);
    expect(handled).to.equal(1);
    expect(stuck, 'bytes the server did not take in').to.be.greaterThan(TOTAL_BYTES / 2);
    // 3. unblocked, every message is served, in order, and the buffer drains.
    gate.resolve();
    await client.emit('count');
    expect(await client.nextJson()).to.deep.equal({ event: 'count', data: MESSAGES });
    expect(client.socket.bufferedAmount).to.equal(0);
  });

  it('a client that never reads: replies back up, the server stops taking frames, and all arrive in order once read', async () => {
    let handled = 0;
    @WebSocketGateway('/echo')
    class EchoGateway {
      @SubscribeMessage('echo')
      echo(@MessageBody() data: { index: number; padding: string }) {
        handled++;
        return data;
      }
    }
    const { connect } = await start({ gateways: [EchoGateway] });
    const client = await connect('/echo');
    // 1. the client stops reading, then floods: every reply is as large as its request.
    client.socket.pause();
    const padding = 'z'.repeat(MESSAGE_BYTES - 60);
    for (let index = 0; index < MESSAGES; index++) {
      client.socket.send(JSON.stringify({ event: 'echo', data: { index, padding } }));
    }
    // 2. the server handled only what the kernel buffers could take replies for, then stopped reading too: it does
    //    not hold the rest of the replies in memory, and most of the flood is still in the client's buffer.
    const served = await settled(() => handled);
    expect(served, 'frames handled while nobody read the replies').to.be.lessThan(MESSAGES / 2);
    expect(await settled(() => client.socket.bufferedAmount)).to.be.greaterThan(TOTAL_BYTES / 4);
    // 3. once the client reads, every reply arrives, in order.
    client.socket.resume();
    for (let index = 0; index < MESSAGES; index++) {
      const reply = (await client.nextJson()) as { event: string; data: { index: number } };
      expect(reply.data.index).to.equal(index);
    }
    expect(handled).to.equal(MESSAGES);
  });

  it('sends to a client that never reads settle only as they are written, so a loop awaiting them cannot run ahead', async () => {
    let written = 0;
    @WebSocketGateway('/firehose')
    class FirehoseGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText();
        const padding = 'f'.repeat(MESSAGE_BYTES);
        for (let index = 0; index < MESSAGES; index++) {
          await socket.sendText(`${index} ${padding}`);
          written++;
        }
      }
    }
    const { connect } = await start({ gateways: [FirehoseGateway] });
    const client = await connect('/firehose');
    // 1. the client stops reading, then asks for the whole stream.
    client.socket.pause();
    await client.send('go');
    // 2. the loop got as far as the kernel buffers took its frames, and waits there.
    expect(await settled(() => written), 'sends settled while nobody read').to.be.lessThan(MESSAGES / 2);
    // 3. once the client reads, every frame arrives, in order, and the loop finishes.
    client.socket.resume();
    for (let index = 0; index < MESSAGES; index++) {
      const text = await client.nextText();
      expect(text.slice(0, text.indexOf(' '))).to.equal(String(index));
    }
    expect(await settled(() => written)).to.equal(MESSAGES);
  });

  it('a slow receive loop pauses the socket the same way', async () => {
    const gate = deferred();
    let received = 0;
    @WebSocketGateway('/slow-loop')
    class SlowLoopGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveText();
        received++;
        await gate.promise;
        for await (const _message of socket) {
          received++;
          if (received === MESSAGES) await socket.sendJson({ received });
        }
      }
    }
    const { connect } = await start({ gateways: [SlowLoopGateway] });
    const client = await connect('/slow-loop');
    const payload = 'y'.repeat(MESSAGE_BYTES);
    for (let index = 0; index < MESSAGES; index++) client.socket.send(payload);
    const stuck = await settled(() => client.socket.bufferedAmount);
    expect(received).to.equal(1);
    expect(stuck).to.be.greaterThan(TOTAL_BYTES / 2);
    gate.resolve();
    expect(await client.nextJson()).to.deep.equal({ received: MESSAGES });
  });
});
