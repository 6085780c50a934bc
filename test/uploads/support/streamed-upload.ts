// Uploads too large to hold: a body generated chunk by chunk, a streaming POST, and the process's peak RSS meanwhile.
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { hostAndPort } from '../../support/server-address';
import { BOUNDARY, MULTIPART_TYPE } from './multipart';

/** A multipart body with one file of `totalBytes` in `field`, made from one reused 64 KiB chunk; never held whole. */
export function streamedFileBody(field: string, totalBytes: number): { stream: Readable; produced: () => number } {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let produced = 0;
  const stream = Readable.from(
    (function* () {
      yield Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${field}.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      );
      for (; produced < totalBytes; produced += chunk.length) yield chunk;
      yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    })(),
  );
  return { stream, produced: () => produced };
}

/**
 * POSTs `body` (chunked) and resolves with the status and the answer's text. With `hangUpOnAnswer`, resolves as soon
 * as the status arrives and hangs up: the server is expected to answer before the upload is over.
 */
export function postStream(
  url: string,
  path: string,
  body: Readable,
  hangUpOnAnswer = false,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const upload = request({
      ...hostAndPort(url),
      method: 'POST',
      path,
      headers: { 'content-type': MULTIPART_TYPE, 'transfer-encoding': 'chunked' },
      agent: false,
    });
    // A server that stops reading and closes makes the client's remaining writes fail: that is the point then.
    upload.on('error', (error) => (upload.destroyed ? undefined : reject(error)));
    upload.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (hangUpOnAnswer) {
        response.resume();
        resolve({ status, text: '' });
        upload.destroy();
        body.destroy();
        return;
      }
      let text = '';
      response.on('data', (data: Buffer) => {
        text += data;
      });
      response.on('end', () => resolve({ status, text }));
    });
    body.pipe(upload);
  });
}

/**
 * Samples RSS every 5 ms from now on; `stop()` ends sampling and returns the peak growth in bytes.
 * @example const rss = watchPeakRss(); await upload(); expect(rss.stop()).to.be.below(48 * 1024 * 1024);
 */
export function watchPeakRss(): { stop(): number } {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return {
    stop() {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage().rss) - before;
    },
  };
}
