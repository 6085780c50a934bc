// SSE load client: N concurrent streams, each reading a burst of events, reconnecting, until a deadline.

const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { raceDeadline, TIMED_OUT } = require('./deadline.js');

const CLIENTS = 100;
const EVENTS_PER_STREAM = 1000;
const CONNECT_TIMEOUT_MS = 10_000;
const DRAIN_GRACE_MS = 5_000;
const DELIMITER = Buffer.from('\n\n');

/** The exact text every target must send for `GET /events?count=3`. */
const EXPECTED_STREAM = [1, 2, 3].map((n) => `data: {"n":${n},"text":"hello"}\n\n`).join('');

/** Reads one whole stream of `count` events and resolves its text: the conformance check before any load. */
function readStreamOnce(port, count = 3) {
  const read = new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: `/events?count=${count}`, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode, type: response.headers['content-type'], text }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  return raceDeadline(read, CONNECT_TIMEOUT_MS).then((result) => {
    if (result === TIMED_OUT) throw new Error(`no complete stream in ${CONNECT_TIMEOUT_MS} ms`);
    return result;
  });
}

/**
 * Opens `clients` concurrent streams of EVENTS_PER_STREAM events each on `port`; a client whose stream ends opens
 * the next, until `durationSeconds` pass. Counts events by their blank-line delimiter as bytes arrive.
 * Resolves `{ events, eventsPerSecond, streams, errors }`.
 */
async function runSseLoad(port, durationSeconds, clients = CLIENTS) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const open = new Set();
  let events = 0;
  let streams = 0;
  let errors = 0;
  const startedAt = performance.now();
  const deadline = startedAt + durationSeconds * 1000;

  const readOne = () =>
    new Promise((resolve) => {
      const request = http.get(
        { host: '127.0.0.1', port, path: `/events?count=${EVENTS_PER_STREAM}`, agent },
        (response) => {
          let endedWithNewline = false;
          response.on('data', (chunk) => {
            // A delimiter may straddle two chunks: "\n" at the end of one and "\n" at the start of the next.
            if (endedWithNewline && chunk[0] === 0x0a) events++;
            for (let at = chunk.indexOf(DELIMITER); at !== -1; at = chunk.indexOf(DELIMITER, at + 2)) events++;
            endedWithNewline = chunk[chunk.length - 1] === 0x0a && chunk[chunk.length - 2] !== 0x0a;
          });
          response.on('end', () => {
            streams++;
            resolve();
          });
          response.on('error', () => resolve());
        },
      );
      open.add(request);
      request.on('close', () => open.delete(request));
      request.on('error', () => {
        if (performance.now() < deadline) errors++;
        resolve();
      });
    });
  const runClient = async () => {
    while (performance.now() < deadline) await readOne();
  };
  // At the deadline, streams in flight are cut; the events they delivered until then count.
  const cut = setTimeout(() => {
    for (const request of open) request.destroy();
  }, durationSeconds * 1000);
  try {
    await raceDeadline(
      Promise.all(Array.from({ length: clients }, runClient)),
      durationSeconds * 1000 + DRAIN_GRACE_MS,
    );
  } finally {
    clearTimeout(cut);
    for (const request of open) request.destroy();
    agent.destroy();
  }
  const elapsedSeconds = Math.min(performance.now() - startedAt, durationSeconds * 1000) / 1000;
  return { events, eventsPerSecond: events / elapsedSeconds, streams, errors };
}

module.exports = { runSseLoad, readStreamOnce, EXPECTED_STREAM, CLIENTS, EVENTS_PER_STREAM };
