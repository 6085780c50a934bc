// Raw `ws` JSON echo server: the floor for the WebSocket suite, with no framework between socket and handler.

const http = require('node:http');
const { WebSocketServer } = require('ws');
const { announceReady, resolvePort } = require('../lib/target-channel.js');

const server = http.createServer((_req, res) => {
  res.writeHead(426).end();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    // Parse and re-serialize, as every framework target must, so raw pays for JSON like the others.
    socket.send(JSON.stringify(JSON.parse(data.toString())), { binary: isBinary });
  });
});
server.listen(resolvePort(), '127.0.0.1', () => announceReady(server.address().port));
