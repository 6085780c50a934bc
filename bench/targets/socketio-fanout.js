// socket.io fan-out target: every client joins room 'fanout'; a `publish` goes to the room in every process
// through @socket.io/redis-adapter on the same Redis (REDIS_URL), with node-redis clients.

const http = require('node:http');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');
const { Server } = require('socket.io');
const { announceReady, resolvePort } = require('../lib/target-channel.js');

async function main() {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const server = http.createServer();
  const io = new Server(server, { transports: ['websocket'], adapter: createAdapter(pub, sub) });
  io.on('connection', (socket) => {
    if (socket.handshake.query.role !== 'publisher') socket.join('fanout');
    socket.on('publish', (data) => io.to('fanout').emit('tick', data));
  });
  server.listen(resolvePort(), '127.0.0.1', () => announceReady(server.address().port));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
