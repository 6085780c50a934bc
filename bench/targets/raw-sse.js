// Raw node:http Server-Sent Events writer: the limit for the SSE suite, with no framework between loop and socket.

const http = require('node:http');
const { announceReady, resolvePort } = require('../lib/target-channel.js');

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

// GET /events?count=N: N events `data: {"n":i,"text":"hello"}`, written as fast as the socket drains.
const server = http.createServer(async (request, response) => {
  const url = new URL(request.url, 'http://x');
  if (url.pathname !== '/events') {
    response.writeHead(404).end();
    return;
  }
  const count = Number(url.searchParams.get('count') ?? 1);
  let isGone = false;
  response.on('close', () => {
    isGone = true;
  });
  response.writeHead(200, HEADERS);
  for (let n = 1; n <= count && !isGone; n++) {
    // Serialise per event, as every framework target must.
    if (!response.write(`data: ${JSON.stringify({ n, text: 'hello' })}\n\n`)) {
      await new Promise((resolve) => response.once('drain', resolve));
    }
  }
  response.end();
});
server.listen(resolvePort(), '127.0.0.1', () => announceReady(server.address().port));
