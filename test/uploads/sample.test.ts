// samples/documents end to end, through createSampleApp as `npm start` serves it.
import type { App } from '@corbel/core';
import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';
import { openStream, parseEvents } from '../support/event-stream-reader';
import { PNG } from './support/multipart';

describe('samples/documents', () => {
  let app: App;
  let url: string;

  beforeEach(async () => {
    app = createSampleApp({ logger: false });
    ({ url } = await app.listen(0));
  });
  afterEach(() => app.close());

  function upload(fields: Record<string, string>, file?: Blob, fileName = 'cat.png') {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (file) form.append('file', file, fileName);
    return fetch(`${url}/documents`, { method: 'POST', body: form });
  }

  it('POST /documents stores an image with its validated fields; GET /documents/1/content gives it back', async () => {
    const response = await upload({ title: 'Cat', rating: '5' }, new Blob([PNG], { type: 'image/png' }));
    expect(response.status).to.equal(201);
    expect(await response.json()).to.deep.equal({
      id: 1,
      title: 'Cat',
      rating: 5,
      fileName: 'cat.png',
      mimeType: 'image/png',
      size: PNG.length,
    });
    const content = await fetch(`${url}/documents/1/content`);
    expect(content.headers.get('content-type')).to.equal('image/png');
    expect(Buffer.from(await content.arrayBuffer()).equals(PNG)).to.equal(true);
    expect(await (await fetch(`${url}/documents`)).json()).to.have.length(1);
  });

  it('refuses a missing file, a bad rating and a disguised file with 422s naming each', async () => {
    const missing = await upload({ title: 'Nothing', rating: '9' });
    expect(missing.status).to.equal(422);
    expect(await missing.json()).to.have.deep.members([
      { loc: ['file'], msg: 'Field required', type: 'missing', in: 'body' },
      { loc: ['rating'], msg: 'rating must not be greater than 5', type: 'max', in: 'body' },
    ]);
    const disguised = await upload({ title: 'Page' }, new Blob(['<html></html>'], { type: 'image/png' }), 'page.png');
    expect(disguised.status).to.equal(422);
    const [entry] = (await disguised.json()) as { loc: string[]; type: string }[];
    expect(entry).to.include({ type: 'file_type' });
    expect(entry.loc).to.deep.equal(['file']);
  });

  it('GET /documents/events opens with a `ready` event, then streams each new upload as an `added` event', async () => {
    // 1. The stream opens with a `ready` event.
    const stream = await openStream(url, '/documents/events');
    expect(stream.status).to.equal(200);
    expect(parseEvents(await stream.waitFor((text) => text.includes('\n\n')))).to.deep.equal([
      { event: 'ready', data: '{"documents":0}' },
    ]);
    // 2. An upload reaches the watcher as it happens.
    await upload({ title: 'Live' }, new Blob([PNG], { type: 'image/png' }));
    const [, added] = parseEvents(await stream.waitFor((text) => text.split('\n\n').length > 2));
    expect(added.event).to.equal('added');
    expect(added.id).to.equal('1');
    expect(JSON.parse(added.data)).to.include({ id: 1, title: 'Live', fileName: 'cat.png' });
    stream.close();
  });

  it('GET /documents/page serves the upload form wired to EventSource', async () => {
    const response = await app.inject('/documents/page');
    expect(response.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(response.payload).to.contain("new EventSource('/documents/events')");
  });
});
