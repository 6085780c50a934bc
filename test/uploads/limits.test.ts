// Upload limits: past any of them a 413 names the limit, reading stops, and the connection closes after the answer.
import { Controller, createApp, Post, UploadedFile, UploadedFiles } from '@corbel/core';
import { expect } from 'chai';
import { retainedBytes, type Served, serve } from '../hostile/support/fixtures';
import { send } from '../support/http-client';
import { collect, openSocket, rawStatus } from '../support/raw-socket';
import { MULTIPART_TYPE, multipart } from './support/multipart';
import { postStream, streamedFileBody, watchPeakRss } from './support/streamed-upload';

@Controller('/limits')
class LimitsController {
  @Post('/any')
  any(@UploadedFiles() files: UploadedFile[]) {
    return { sizes: files.map((file) => file.size) };
  }

  @Post('/small')
  small(@UploadedFile('thumb', { maxSize: 100 }) thumb: UploadedFile) {
    return { size: thumb.size };
  }

  @Post('/few')
  few(@UploadedFiles('photos', { maxCount: 2 }) photos: UploadedFile[]) {
    return { count: photos.length };
  }
}

const file = (name: string, size: number) => ({
  name,
  fileName: `${name}.bin`,
  type: 'application/octet-stream',
  value: Buffer.alloc(size, 7),
});

/** A raw POST of `body`; resolves with the answer's text and whether the server then closed the connection. */
async function rawPost(url: string, path: string, body: Buffer) {
  const socket = await openSocket(url);
  const exchange = collect(socket, { timeoutMs: 3000 });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${MULTIPART_TYPE}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body);
  return exchange;
}

describe('upload limits', () => {
  let served: Served;

  before(async () => {
    served = await serve(
      createApp({
        controllers: [LimitsController],
        logger: false,
        bodyLimit: 64,
        uploads: { fileSize: 1024, files: 3, fields: 2, fieldSize: 16, parts: 6 },
      }),
    );
  });
  after(() => served.app.close());

  const refusals: [string, string, Buffer, string][] = [
    [
      'a file over uploads.fileSize',
      '/limits/any',
      multipart([file('big', 1025)]),
      "The file in the field 'big' is larger than the uploads.fileSize limit of 1024 bytes",
    ],
    [
      "a file over its parameter's maxSize",
      '/limits/small',
      multipart([file('thumb', 101)]),
      "The file in the field 'thumb' is larger than the maxSize of 100 bytes",
    ],
    [
      'more files than uploads.files',
      '/limits/any',
      multipart([file('a', 1), file('b', 1), file('c', 1), file('d', 1)]),
      'The body has more than the files limit of 3 files',
    ],
    [
      "more files than the parameter's maxCount",
      '/limits/few',
      multipart([file('photos', 1), file('photos', 1), file('photos', 1)]),
      "More files in the field 'photos' than the maxCount of 2",
    ],
    [
      'more text fields than uploads.fields',
      '/limits/any',
      multipart([
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
        { name: 'c', value: '3' },
      ]),
      'The body has more than the fields limit of 2 fields',
    ],
    [
      'a text field over uploads.fieldSize',
      '/limits/any',
      multipart([{ name: 'bio', value: 'x'.repeat(17) }]),
      "The field 'bio' is larger than the fieldSize limit of 16 bytes",
    ],
    [
      'more parts than uploads.parts',
      '/limits/any',
      multipart([
        file('a', 1),
        file('b', 1),
        { name: 'x', value: '1' },
        file('c', 1),
        { name: 'y', value: '2' },
        { headers: ['X: 1'], value: '' },
        { headers: ['X: 2'], value: '' },
      ]),
      'The body has more than the parts limit of 6 parts',
    ],
  ];

  for (const [what, path, body, detail] of refusals) {
    it(`answers 413 naming the limit to ${what}, and closes the connection after it`, async () => {
      const { text, closedByServer } = await rawPost(served.url, path, body);
      expect(rawStatus(text)).to.equal(413);
      expect(text.toLowerCase()).to.include('connection: close');
      expect(text.slice(text.indexOf('\r\n\r\n') + 4)).to.equal(JSON.stringify({ detail }));
      expect(closedByServer).to.equal(true);
    });
  }

  it('accepts a file of exactly the limit, and bodyLimit does not apply to multipart bodies', async () => {
    const answer = await send(served.url, {
      method: 'POST',
      path: '/limits/any',
      headers: { 'content-type': MULTIPART_TYPE },
      body: multipart([file('exact', 1024), file('small', 100)]),
    });
    expect(answer.status).to.equal(201);
    expect(JSON.parse(answer.body)).to.deep.equal({ sizes: [1024, 100] });
  });

  it('streams 100 MB at a 1 MiB limit: 413 early, the rest is never read, and memory stays flat', async () => {
    const app = createApp({ controllers: [LimitsController], logger: false, uploads: { fileSize: 1024 * 1024 } });
    const { url } = await serve(app);
    try {
      const before = retainedBytes();
      const rss = watchPeakRss();
      const { stream, produced } = streamedFileBody('big', 100 * 1024 * 1024);
      const { status } = await postStream(url, '/limits/any', stream, true);
      const peakGrowth = rss.stop();
      expect(status).to.equal(413);
      // The client could only push what the server read plus the sockets' buffers: nowhere near 100 MB.
      expect(produced()).to.be.below(16 * 1024 * 1024);
      expect(peakGrowth, 'peak RSS growth').to.be.below(48 * 1024 * 1024);
      expect(retainedBytes() - before, 'memory still held').to.be.below(8 * 1024 * 1024);
    } finally {
      await app.close();
    }
  });
});
