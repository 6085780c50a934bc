// WebSocket load client: N concurrent `ws` clients each doing send → await reply → repeat until a deadline.

const { performance } = require('node:perf_hooks');
const WebSocket = require('ws');
const { raceDeadline, TIMED_OUT } = require('./deadline.js');

const CLIENTS = 50;
const CONNECT_TIMEOUT_MS = 10_000;
// A ceiling on round trips per run, far above what this machine reaches, so the loop is bounded in count too.
const MAX_ROUND_TRIPS = 50_000_000;
const DRAIN_GRACE_MS = 5_000;

function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The frame every client sends: a JSON `echo` event, as Corbel, NestJS and the raw server all understand. */
function echoFrame(client, sequence) {
  return JSON.stringify({ event: 'echo', data: { client, sequence } });
}

/** Sends one frame and resolves the reply text: a conformance check before any load. */
async function exchangeOnce(url) {
  const socket = await connect(url);
  try {
    const reply = await raceDeadline(
      new Promise((resolve, reject) => {
        socket.once('message', (data) => resolve(data.toString()));
        socket.once('close', (code, reason) => reject(new Error(`closed with ${code} '${reason}' before replying`)));
        socket.send(echoFrame(0, 0));
      }),
      CONNECT_TIMEOUT_MS,
    );
    if (reply === TIMED_OUT) throw new Error(`no reply in ${CONNECT_TIMEOUT_MS} ms`);
    return reply;
  } finally {
    socket.terminate();
  }
}

/**
 * Opens `clients` sockets to `url`, then lets each do request → response round trips for `durationSeconds`.
 * Resolves `{ roundTrips, roundTripsPerSecond, errors }`; every socket is terminated when it returns.
 */
async function runWsLoad(url, durationSeconds, clients = CLIENTS) {
  const sockets = await Promise.all(Array.from({ length: clients }, () => connect(url)));
  let roundTrips = 0;
  let errors = 0;
  const startedAt = performance.now();
  const deadline = startedAt + durationSeconds * 1000;
  const runClient = (socket, client) =>
    new Promise((resolve) => {
      let sequence = 0;
      socket.on('message', () => {
        roundTrips++;
        if (performance.now() >= deadline || roundTrips >= MAX_ROUND_TRIPS) {
          resolve();
          return;
        }
        socket.send(echoFrame(client, ++sequence));
      });
      socket.on('error', () => errors++);
      socket.on('close', () => resolve());
      socket.send(echoFrame(client, sequence));
    });
  try {
    // A client whose server never answers would wait forever: the grace timer bounds the whole run.
    await raceDeadline(Promise.all(sockets.map(runClient)), durationSeconds * 1000 + DRAIN_GRACE_MS);
  } finally {
    for (const socket of sockets) socket.terminate();
  }
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return { roundTrips, roundTripsPerSecond: roundTrips / elapsedSeconds, errors };
}

module.exports = { runWsLoad, exchangeOnce, echoFrame, CLIENTS };
