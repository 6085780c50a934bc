// samples/events end to end: the clock streams numbered ticks and resumes after Last-Event-ID.
import type { App } from '@corbel/core';
import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';
import { openStream, parseEvents } from '../support/event-stream-reader';

describe('samples/events', () => {
  let app: App;
  let url: string;

  beforeEach(async () => {
    app = createSampleApp({ logger: false });
    ({ url } = await app.listen(0));
  });
  afterEach(() => app.close());

  it('GET /clock sends tick 1 at once; with Last-Event-ID: 41 it goes on from 42', async () => {
    const fresh = await openStream(url, '/clock');
    expect(fresh.headers['content-type']).to.equal('text/event-stream; charset=utf-8');
    const [first] = parseEvents(await fresh.waitFor((text) => text.includes('\n\n')));
    expect(first.event).to.equal('tick');
    expect(first.id).to.equal('1');
    expect(JSON.parse(first.data).n).to.equal(1);
    fresh.close();

    const resumed = await openStream(url, '/clock', { 'Last-Event-ID': '41' });
    const [next] = parseEvents(await resumed.waitFor((text) => text.includes('\n\n')));
    expect(next.id).to.equal('42');
    resumed.close();
  });

  it('answers 422 to a Last-Event-ID that is not a number, before any event', async () => {
    const response = await app.inject({ url: '/clock', headers: { 'last-event-id': 'yesterday' } });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      {
        loc: ['last-event-id'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        type: 'number_parsing',
        in: 'header',
      },
    ]);
  });
});
