// Expect: 100-continue is answered from the route: 100 Continue only when the body will be read, else at once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, Body, Controller, createApp, Post, UseGuards } from '@corbel/core';
import { expect } from 'chai';
import { collect, openSocket, rawBody, rawStatus } from '../support/raw-socket';

@Controller('/books')
class BooksController {
  @Post()
  create(@Body() book: unknown) {
    return { received: book };
  }

  @Post('/ping')
  ping() {
    return { pong: true };
  }

  @Post('/locked')
  @UseGuards({ canActivate: () => false })
  locked(@Body() book: unknown) {
    return book;
  }
}

const LIMIT = 1024;

function head(path: string, headers: Record<string, string | number>): string {
  const lines = [`POST ${path} HTTP/1.1`, 'Host: test', 'Expect: 100-continue'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A complete HTTP answer: its head and, by its content-length, all of its body. */
function isComplete(text: string): boolean {
  const end = text.lastIndexOf('\r\n\r\n');
  if (end === -1 || !/HTTP\/1\.1 [2-5]\d\d/.test(text)) return false;
  const length = /content-length: (\d+)/i.exec(text.slice(text.search(/HTTP\/1\.1 [2-5]/)));
  return length !== null && text.length - (end + 4) >= Number(length[1]);
}

/**
 * Sends only the request head (never a body byte) and returns everything the server answered to it. The client
 * waits as a careful one does: for `100 Continue` or a final status.
 */
async function headOnly(url: string, request: string): Promise<{ text: string; closedByServer: boolean }> {
  const socket = await openSocket(url);
  const answer = collect(socket, { until: isComplete, graceMs: 100, timeoutMs: 3000 });
  socket.write(request);
  return answer;
}

describe('Expect: 100-continue', () => {
  let app: App;
  let url: string;
  before(async () => {
    app = createApp({ controllers: [BooksController], bodyLimit: LIMIT, logger: false });
    ({ url } = await app.listen(0));
  });
  after(() => app.close());

  it('answers 413 before any body byte is sent when content-length is over bodyLimit, without 100 Continue', async () => {
    // 1. Only the head goes out, announcing more than the limit.
    const { text, closedByServer } = await headOnly(
      url,
      head('/books', { 'Content-Type': 'application/json', 'Content-Length': LIMIT + 1 }),
    );
    // 2. The final answer came while the body was still held back.
    expect(text).to.not.include('100 Continue');
    expect(rawStatus(text)).to.equal(413);
    expect(JSON.parse(rawBody(text))).to.deep.equal({
      detail: `Request body is larger than the limit of ${LIMIT} bytes`,
    });
    expect(text.toLowerCase()).to.include('connection: close');
    expect(closedByServer).to.equal(true);
  });

  it('answers 415 at once for a content type that would be refused', async () => {
    const { text } = await headOnly(url, head('/books', { 'Content-Type': 'application/xml', 'Content-Length': 10 }));
    expect(text).to.not.include('100 Continue');
    expect(rawStatus(text)).to.equal(415);
  });

  it('answers a route that reads no body, an unknown route, and a refusing guard at once', async () => {
    const json = { 'Content-Type': 'application/json', 'Content-Length': 2 };
    for (const [path, status] of [
      ['/books/ping', 201],
      ['/nowhere', 404],
      ['/books/locked', 403],
    ] as const) {
      const { text, closedByServer } = await headOnly(url, head(path, json));
      expect(text, path).to.not.include('100 Continue');
      expect(rawStatus(text), path).to.equal(status);
      expect(closedByServer, path).to.equal(true);
    }
  });

  it('sends 100 Continue when the body will be read, then answers it, keeping the connection', async () => {
    const body = '{"title":"Dune"}';
    const socket = await openSocket(url);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const text = () => Buffer.concat(received).toString('utf8');
    const waitFor = async (check: (text: string) => boolean) => {
      for (let waited = 0; !check(text()); waited += 5) {
        if (waited > 3000) throw new Error(`timed out; received ${JSON.stringify(text())}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    try {
      // 1. The head: the server says to go on.
      socket.write(head('/books', { 'Content-Type': 'application/json', 'Content-Length': body.length }));
      await waitFor((seen) => seen.includes('\r\n\r\n'));
      expect(text()).to.equal('HTTP/1.1 100 Continue\r\n\r\n');
      // 2. The body, then the answer to it.
      socket.write(body);
      await waitFor(isComplete);
      const answer = text().slice('HTTP/1.1 100 Continue\r\n\r\n'.length);
      expect(rawStatus(answer)).to.equal(201);
      expect(JSON.parse(rawBody(answer))).to.deep.equal({ received: { title: 'Dune' } });
      expect(answer.toLowerCase()).to.not.include('connection: close');
    } finally {
      socket.destroy();
    }
  });

  it('works on your own server when it attaches app.checkContinue', async () => {
    const own = createApp({ controllers: [BooksController], bodyLimit: LIMIT, logger: false });
    await own.init();
    const server: Server = createServer(own.handler).on('checkContinue', own.checkContinue);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { text } = await headOnly(
        `http://127.0.0.1:${port}`,
        head('/books', { 'Content-Type': 'application/json', 'Content-Length': LIMIT * 10 }),
      );
      expect(text).to.not.include('100 Continue');
      expect(rawStatus(text)).to.equal(413);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
