// Disk uploads: random temp files in tempDir, streamed without buffering, and every one removed whatever happens.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, createApp, Post, UploadedFile } from '@corbel/core';
import { expect } from 'chai';
import { delay, type Served, serve, waitFor } from '../hostile/support/fixtures';
import { type Answer, send } from '../support/http-client';
import { openSocket } from '../support/raw-socket';
import { BOUNDARY, MULTIPART_TYPE, multipart, PNG } from './support/multipart';
import { postStream, streamedFileBody, watchPeakRss } from './support/streamed-upload';

let seenPaths: string[] = [];
let keptDir = '';

@Controller('/disk')
class DiskController {
  @Post('/inspect')
  async inspect(@UploadedFile('doc') doc: UploadedFile) {
    seenPaths.push(doc.path as string);
    const content = await readFile(doc.path as string, 'utf8');
    const mode = statSync(doc.path as string).mode & 0o777;
    return { path: doc.path, buffer: doc.buffer ?? null, size: doc.size, content, mode };
  }

  @Post('/image')
  image(@UploadedFile('image', { mimeTypes: ['image/png'], maxSize: 2048 }) image: UploadedFile) {
    return { size: image.size };
  }

  @Post('/keep')
  async keep(@UploadedFile('doc') doc: UploadedFile) {
    const target = join(keptDir, 'kept.txt');
    await rename(doc.path as string, target);
    return { kept: target };
  }

  @Post('/big')
  big(@UploadedFile('big') big: UploadedFile) {
    return { size: big.size, isOnDisk: statSync(big.path as string).size === big.size };
  }
}

const doc = (content: string) => multipart([{ name: 'doc', fileName: 'doc.txt', type: 'text/plain', value: content }]);

describe('disk uploads', () => {
  let tempDir: string;
  let served: Served;

  beforeEach(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'corbel-uploads-test-'));
    keptDir = mkdtempSync(join(tmpdir(), 'corbel-kept-test-'));
    seenPaths = [];
    served = await serve(
      createApp({
        controllers: [DiskController],
        logger: false,
        uploads: { storage: 'disk', tempDir, fileSize: 80 * 1024 * 1024 },
      }),
    );
  });
  afterEach(async () => {
    await served.app.close();
    rmSync(tempDir, { recursive: true, force: true });
    rmSync(keptDir, { recursive: true, force: true });
  });

  const post = (path: string, body: Buffer): Promise<Answer> =>
    send(served.url, { method: 'POST', path, headers: { 'content-type': MULTIPART_TYPE }, body });

  it('gives a path (no buffer) to a random, owner-only file in tempDir, and removes it once the answer is sent', async () => {
    const answer = await post('/disk/inspect', doc('on disk'));
    expect(answer.status).to.equal(201);
    const body = JSON.parse(answer.body);
    expect(body).to.include({ buffer: null, size: 7, content: 'on disk', mode: 0o600 });
    expect(body.path.startsWith(`${tempDir}/corbel-upload-`)).to.equal(true);
    expect(body.path).to.match(/corbel-upload-[0-9a-f]{32}$/);
    expect(await waitFor(() => readdirSync(tempDir).length === 0)).to.equal(true);
    // Two uploads never share a name.
    await post('/disk/inspect', doc('again'));
    expect(new Set(seenPaths).size).to.equal(2);
  });

  it('a file the handler moved away is kept where it went', async () => {
    const answer = await post('/disk/keep', doc('keep me'));
    expect(answer.status).to.equal(201);
    expect(await readFile(join(keptDir, 'kept.txt'), 'utf8')).to.equal('keep me');
    expect(readdirSync(tempDir)).to.deep.equal([]);
  });

  it('streams 64 MB to disk without holding it in memory', async () => {
    const total = 64 * 1024 * 1024;
    const rss = watchPeakRss();
    const { status, text } = await postStream(served.url, '/disk/big', streamedFileBody('big', total).stream);
    const peakGrowth = rss.stop();
    expect(status).to.equal(201);
    expect(JSON.parse(text)).to.deep.equal({ size: total, isOnDisk: true });
    expect(peakGrowth, 'peak RSS growth').to.be.below(48 * 1024 * 1024);
    expect(await waitFor(() => readdirSync(tempDir).length === 0)).to.equal(true);
  });

  it('200 uploads mixing successes, 413s, 422s and clients that leave mid-file leave no file behind', async () => {
    const outcomes: string[] = [];
    const success = () =>
      post('/disk/image', multipart([{ name: 'image', fileName: 'a.png', type: 'image/png', value: PNG }]));
    const tooLarge = () =>
      post(
        '/disk/image',
        multipart([{ name: 'image', fileName: 'b.png', type: 'image/png', value: Buffer.alloc(4096, 1) }]),
      );
    const wrongType = () =>
      post(
        '/disk/image',
        multipart([{ name: 'image', fileName: 'c.png', type: 'image/png', value: '<svg onload=x>' }]),
      );
    const abort = async () => {
      const socket = await openSocket(served.url);
      socket.on('error', () => {});
      const part = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="image"; filename="d.png"\r\nContent-Type: image/png\r\n\r\n`;
      socket.write(
        `POST /disk/image HTTP/1.1\r\nHost: x\r\nContent-Type: ${MULTIPART_TYPE}\r\nContent-Length: 100000\r\n\r\n${part}`,
      );
      socket.write(Buffer.alloc(1000, 2));
      await delay(5);
      socket.destroy();
      return 'aborted';
    };
    const kinds = [success, tooLarge, wrongType, abort];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, async (_, index) => {
          const result = await kinds[index % 4]();
          return typeof result === 'string' ? result : String(result.status);
        }),
      );
      outcomes.push(...answers);
    }
    const counts = outcomes.reduce<Record<string, number>>((all, outcome) => {
      all[outcome] = (all[outcome] ?? 0) + 1;
      return all;
    }, {});
    expect(counts).to.deep.equal({ '201': 50, '413': 50, '422': 50, aborted: 50 });
    expect(
      await waitFor(() => readdirSync(tempDir).length === 0, 3000),
      `left behind: ${readdirSync(tempDir).join(', ')}`,
    ).to.equal(true);
  });
});
