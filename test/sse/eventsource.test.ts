// A real EventSource client (the eventsource package) against an @Sse route: events, reconnect, heartbeat.
import { Controller, type CorbelRequest, createApp, Req, Sse } from '@corbel/core';
import { expect } from 'chai';
import { EventSource, type FetchLike } from 'eventsource';
import { serve } from '../hostile/support/fixtures';
import { sleep } from './support/sources';

const lastEventIds: (string | undefined)[] = [];

@Controller('/feed')
class FeedController {
  // Three events per connection, continuing after the id the client last saw; then the stream ends and the
  // client reconnects by itself. The pause lets heartbeats go out between events.
  @Sse('', { heartbeatMs: 20 })
  async *feed(@Req() request: CorbelRequest) {
    lastEventIds.push(request.lastEventId);
    const after = Number(request.lastEventId ?? 0);
    for (let n = after + 1; n <= after + 3; n++) {
      await sleep(50);
      yield { id: String(n), event: n % 2 === 0 ? 'even' : undefined, retry: 10, data: { n } };
    }
  }
}

/** fetch, recording every byte the server sent, so the heartbeat comments (which EventSource hides) are visible. */
function tappingFetch(received: string[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!response.body) return response;
    const decoder = new TextDecoder();
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received.push(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(tap), { status: response.status, headers: response.headers });
  };
}

describe('EventSource client', () => {
  it('receives events, sees the heartbeat, and reconnects with Last-Event-ID after the stream ends', async () => {
    lastEventIds.length = 0;
    const { app, url } = await serve(createApp({ controllers: [FeedController], logger: false }));
    const wire: string[] = [];
    const source = new EventSource(`${url}/feed`, { fetch: tappingFetch(wire) });
    try {
      const seen: { type: string; n: number; id: string }[] = [];
      let opens = 0;
      source.addEventListener('open', () => opens++);
      const done = new Promise<void>((resolve, reject) => {
        const record = (type: string) => (event: MessageEvent) => {
          seen.push({ type, n: (JSON.parse(event.data) as { n: number }).n, id: event.lastEventId });
          if (seen.length === 6) resolve();
        };
        source.addEventListener('message', record('message'));
        source.addEventListener('even', record('even'));
        setTimeout(() => reject(new Error(`only ${JSON.stringify(seen)} after 5 s`)), 5000);
      });
      await done;

      // 1. Six events in order across two connections, the named ones delivered to their own listener.
      expect(seen).to.deep.equal([
        { type: 'message', n: 1, id: '1' },
        { type: 'even', n: 2, id: '2' },
        { type: 'message', n: 3, id: '3' },
        { type: 'even', n: 4, id: '4' },
        { type: 'message', n: 5, id: '5' },
        { type: 'even', n: 6, id: '6' },
      ]);
      // 2. The second connection carried the id of the last event of the first.
      expect(lastEventIds).to.deep.equal([undefined, '3']);
      expect(opens).to.equal(2);
      // 3. Heartbeat comments went out between events, and the client stayed connected through them.
      expect(wire.join('')).to.include(': ping\n\n');
    } finally {
      source.close();
      await app.close();
    }
  });
});
