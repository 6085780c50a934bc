// samples/events: a Server-Sent Events clock that a reconnecting EventSource resumes where it left off.
import { setTimeout } from 'node:timers/promises';
import { Controller, Headers, Returns, Sse } from '@corbel/core';
import { Tick } from './tick';

@Controller('/clock')
export class ClockController {
  /**
   * GET /clock — a numbered `tick` event every second (try `curl -N localhost:3000/clock`). An EventSource that
   * reconnects sends `Last-Event-ID`, converted to a number here, and the count goes on from there. Closing the tab
   * ends the generator: its next step is its last. `@Returns(Tick)` documents each event's data in /openapi.json.
   */
  @Sse()
  @Returns(Tick)
  async *ticks(@Headers('last-event-id') lastEventId?: number) {
    for (let n = (lastEventId ?? 0) + 1; ; n++) {
      yield { event: 'tick', id: String(n), data: { n, at: new Date().toISOString() } };
      await setTimeout(1000);
    }
  }
}
