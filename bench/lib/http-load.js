// Drives one HTTP scenario against a local target with autocannon, time-bounded, and reduces the result to numbers.

const autocannon = require('autocannon');

const CONNECTIONS = 50;
const PIPELINING = 1;

/** The autocannon CLI line equivalent to `runHttpLoad` with these arguments, for the report. */
function describeHttpLoad(scenario, durationSeconds) {
  const parts = ['npx autocannon', `-c ${CONNECTIONS}`, `-p ${PIPELINING}`, `-d ${durationSeconds}`];
  if (scenario.method !== 'GET') parts.push(`-m ${scenario.method}`);
  for (const [name, value] of Object.entries(scenario.headers ?? {})) parts.push(`-H '${name}: ${value}'`);
  if (scenario.body !== undefined) parts.push(`-b '${scenario.body}'`);
  parts.push(`http://127.0.0.1:PORT${scenario.path}`);
  return parts.join(' ');
}

/**
 * Runs `scenario` against `port` for `durationSeconds` with 50 connections and no pipelining.
 * Resolves `{ requests, requestsPerSecond, p99Ms, unexpected, bytesPerResponse }`, where `unexpected` counts responses whose status
 * was not the scenario's, plus errors and timeouts: a fast wrong answer must not pass for a fast right one.
 */
function runHttpLoad(scenario, port, durationSeconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}${scenario.path}`,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
        connections: CONNECTIONS,
        pipelining: PIPELINING,
        duration: durationSeconds,
        // autocannon's default 10 s would let one stuck target stall the run.
        timeout: 5,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const expected = result.statusCodeStats?.[scenario.expectedStatus]?.count ?? 0;
        const responses = result.requests.total;
        resolve({
          requests: responses,
          requestsPerSecond: responses / result.duration,
          p99Ms: result.latency.p99,
          unexpected: responses - expected + result.errors + result.timeouts,
          // Bytes read off the socket (status line, headers and body) per response: what compression saves.
          bytesPerResponse: result.throughput.total / Math.max(1, responses),
        });
      },
    );
  });
}

module.exports = { runHttpLoad, describeHttpLoad, CONNECTIONS };
