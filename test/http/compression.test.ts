// compression: br, gzip and deflate negotiated from Accept-Encoding, and the answers that must stay as they are.
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Controller, Get, Head, HTTPException, json, Post, ResponseValue } from '@corbel/core';
import { expect } from 'chai';
import { useApps } from '../support/use-apps';

const BIG = { items: Array.from({ length: 400 }, (_, index) => ({ id: index, name: `item number ${index}` })) };
const BIG_TEXT = JSON.stringify(BIG);

@Controller('/c')
class CompressedController {
  @Get('/big')
  big() {
    return BIG;
  }

  @Get('/small')
  small() {
    return { ok: true };
  }

  @Get('/png')
  png() {
    return new ResponseValue(200, [['content-type', 'image/png']], Buffer.alloc(4096, 7));
  }

  @Get('/encoded')
  encoded() {
    return new ResponseValue(
      200,
      [
        ['content-type', 'text/plain'],
        ['content-encoding', 'identity'],
      ],
      'x'.repeat(4096),
    );
  }

  @Get('/events')
  events() {
    return new ResponseValue(200, [['content-type', 'text/event-stream']], Readable.from(['data: 1\n\n'.repeat(300)]));
  }

  @Get('/stream')
  stream() {
    // The test writes the second chunk only once it has decoded the first: proof it was not held back to the end.
    const chunks = new Readable({ read() {} });
    chunks.push('first chunk,');
    streams.push(chunks);
    return new ResponseValue(200, [['content-type', 'text/plain; charset=utf-8']], chunks);
  }

  @Head('/big')
  head() {
    return json(BIG);
  }

  @Post('/nothing')
  nothing() {}

  @Get('/error')
  error(): never {
    throw new HTTPException(400, 'x'.repeat(3000));
  }
}

const streams: Readable[] = [];

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly bytes: Buffer;
}

function fetchRaw(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${url}${path}`, { method, headers, agent: false });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }),
      );
    });
    outgoing.end();
  });
}

describe('compression', () => {
  const start = useApps();

  it('sends br, gzip or deflate as the client prefers, with Vary: Accept-Encoding, and the body decodes back', async () => {
    const { url } = await start({ controllers: [CompressedController], compression: true });
    const decoders = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync };
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['deflate', 'deflate'],
      ['br;q=0.5, gzip;q=0.9', 'gzip'],
      ['gzip;q=0, deflate;q=0.1', 'deflate'],
      ['*', 'br'],
    ] as const) {
      const answer = await fetchRaw(url, '/c/big', { 'accept-encoding': accept });
      expect(answer.headers['content-encoding'], accept).to.equal(encoding);
      expect(answer.headers.vary, accept).to.equal('Accept-Encoding');
      expect(Number(answer.headers['content-length']), accept).to.equal(answer.bytes.length);
      expect(answer.bytes.length, accept).to.be.lessThan(BIG_TEXT.length / 3);
      expect(decoders[encoding](answer.bytes).toString('utf8'), accept).to.equal(BIG_TEXT);
    }
  });

  it('sends identity without Accept-Encoding, or when nothing offered is acceptable, still saying Vary', async () => {
    const { url } = await start({ controllers: [CompressedController], compression: true });
    const variants: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'zstd, gzip;q=0' },
    ];
    for (const headers of variants) {
      const answer = await fetchRaw(url, '/c/big', headers);
      expect(answer.headers['content-encoding']).to.equal(undefined);
      expect(answer.headers.vary).to.equal('Accept-Encoding');
      expect(answer.bytes.toString('utf8')).to.equal(BIG_TEXT);
    }
  });

  it('follows encodings, threshold and level', async () => {
    const { url } = await start({
      controllers: [CompressedController],
      compression: { encodings: ['gzip', 'br'], threshold: 10, level: 1 },
    });
    const gz = await fetchRaw(url, '/c/big', { 'accept-encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(gunzipSync(gz.bytes).toString('utf8')).to.equal(BIG_TEXT);
    const small = await fetchRaw(url, '/c/small', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).to.equal('gzip');
    const onlyDeflate = await fetchRaw(url, '/c/big', { 'accept-encoding': 'deflate' });
    expect(onlyDeflate.headers['content-encoding']).to.equal(undefined);
  });

  it('leaves alone small bodies, HEAD, 204, images, event streams and answers that have a Content-Encoding', async () => {
    const { url } = await start({ controllers: [CompressedController], compression: true });
    const accept = { 'accept-encoding': 'gzip, br' };
    const small = await fetchRaw(url, '/c/small', accept);
    expect(small.headers['content-encoding']).to.equal(undefined);
    expect(small.headers.vary).to.equal(undefined);
    const head = await fetchRaw(url, '/c/big', accept, 'HEAD');
    expect(head.status).to.equal(200);
    expect(head.headers['content-encoding']).to.equal(undefined);
    expect(Number(head.headers['content-length'])).to.equal(BIG_TEXT.length);
    const empty = await fetchRaw(url, '/c/nothing', accept, 'POST');
    expect(empty.status).to.equal(204);
    expect(empty.headers['content-encoding']).to.equal(undefined);
    for (const path of ['/c/png', '/c/encoded', '/c/events']) {
      const answer = await fetchRaw(url, path, accept);
      expect(answer.status, path).to.equal(200);
      expect(answer.headers['content-encoding'], path).to.not.be.oneOf(['gzip', 'br']);
    }
  });

  it('compresses error answers too', async () => {
    const { url } = await start({ controllers: [CompressedController], compression: true });
    const answer = await fetchRaw(url, '/c/error', { 'accept-encoding': 'gzip' });
    expect(answer.status).to.equal(400);
    expect(answer.headers['content-encoding']).to.equal('gzip');
    expect(JSON.parse(gunzipSync(answer.bytes).toString('utf8'))).to.deep.equal({ detail: 'x'.repeat(3000) });
  });

  it('compresses a stream as it flows: the client decodes the first chunk before the stream has ended', async () => {
    const { url } = await start({ controllers: [CompressedController], compression: { threshold: 0 } });
    const decoded = await new Promise<string>((resolve, reject) => {
      const outgoing = httpRequest(`${url}/c/stream`, { headers: { 'accept-encoding': 'gzip' }, agent: false });
      outgoing.on('error', reject);
      outgoing.on('response', (response) => {
        expect(response.headers['content-encoding']).to.equal('gzip');
        expect(response.headers['content-length']).to.equal(undefined);
        const chunks: Buffer[] = [];
        let text = '';
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          const sofar = gunzipPartial(Buffer.concat(chunks));
          // 1. The first chunk arrives decodable while the stream is still open; 2. only then is the rest written.
          if (text === '' && sofar.includes('first chunk,')) {
            text = sofar;
            const stream = streams.shift() as Readable;
            stream.push('second chunk');
            stream.push(null);
          }
        });
        response.on('end', () => resolve(gunzipSync(Buffer.concat(chunks)).toString('utf8')));
      });
      outgoing.end();
    });
    expect(decoded).to.equal('first chunk,second chunk');
  });
});

/** What a gzip stream decodes to so far (flushed blocks), without its end. */
function gunzipPartial(bytes: Buffer): string {
  try {
    return gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8');
  } catch {
    return '';
  }
}
