// The idle-memory and burst cells: N connected clients that do nothing, then each sends one message at once.

const { performance } = require('node:perf_hooks');
const WebSocket = require('ws');
const { raceDeadline, TIMED_OUT } = require('./deadline.js');
const { findFreePort } = require('./free-port.js');
const { startTarget } = require('./target-process.js');
const { echoFrame } = require('./ws-load.js');

const CONNECT_BATCH = 200;
const BURST_TIMEOUT_MS = 30_000;
const SETTLE_MS = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function connectMany(url, count) {
  const sockets = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Math.min(CONNECT_BATCH, count - start);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connect(url)))));
  }
  return sockets;
}

// Two collections with a pause between them: what a connection holds, not what its handshake left to collect.
async function settledMemory(targetProcess) {
  await targetProcess.probe({ gc: true });
  await sleep(SETTLE_MS);
  return targetProcess.probe({ gc: true });
}

/** Every client sends one frame at the same moment; resolves the ms until the last echo came back. */
function burst(sockets) {
  const startedAt = performance.now();
  let answered = 0;
  const done = new Promise((resolve) => {
    sockets.forEach((socket, index) => {
      socket.once('message', () => {
        if (++answered === sockets.length) resolve(performance.now() - startedAt);
      });
      socket.send(echoFrame(index, 0));
    });
  });
  return raceDeadline(done, BURST_TIMEOUT_MS);
}

/**
 * One target, one round: RSS and heap per idle connection over `clients` connections (after GC), then the burst.
 * Resolves `{ rssPerConnection, heapPerConnection, burstMs, burstCpuMicros }`.
 */
async function benchIdleTarget(target, clients) {
  const port = await findFreePort();
  const { targetProcess } = await startTarget(target, { port, execArgv: ['--expose-gc'] });
  let sockets = [];
  try {
    const url = `ws://127.0.0.1:${port}/`;
    // A first connection warms up the code paths, so the baseline is not charged for lazy compilation.
    const warm = await connectMany(url, 10);
    for (const socket of warm) socket.terminate();
    const before = await settledMemory(targetProcess);
    sockets = await connectMany(url, clients);
    const after = await settledMemory(targetProcess);
    const cpuBefore = await targetProcess.probe();
    const burstMs = await burst(sockets);
    const cpuAfter = await targetProcess.probe();
    if (burstMs === TIMED_OUT) throw new Error(`${target.name}: the burst did not finish in ${BURST_TIMEOUT_MS} ms`);
    return {
      rssPerConnection: (after.rss - before.rss) / clients,
      heapPerConnection: (after.heapUsed - before.heapUsed) / clients,
      burstMs,
      burstCpuMicros: cpuAfter.cpuMicros - cpuBefore.cpuMicros,
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await targetProcess.stop();
  }
}

module.exports = { benchIdleTarget, connectMany };
