// Finds a free loopback port before a target starts, so cold start can be timed from spawn without waiting on IPC.

const net = require('node:net');

/** Resolves a port the OS just handed out on 127.0.0.1 and released again. */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = { findFreePort };
