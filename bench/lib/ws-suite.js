// One round of the WebSocket suite for one target: a conformance exchange, warm-up, then timed round trips.

const { findFreePort } = require('./free-port.js');
const { startLoadWindow } = require('./machine-load.js');
const { recordConformance, recordFailure, recordSample } = require('./results.js');
const { startTarget } = require('./target-process.js');
const { CLIENTS, echoFrame, exchangeOnce, runWsLoad } = require('./ws-load.js');

const EXPECTED_REPLY = echoFrame(0, 0);

function isSameJson(text, expectedText) {
  try {
    return JSON.stringify(JSON.parse(text)) === expectedText;
  } catch {
    return false;
  }
}

async function checkEcho(results, target, url) {
  const finding = { target: target.name, check: `ws ${EXPECTED_REPLY}`, expected: `reply ${EXPECTED_REPLY}` };
  try {
    const reply = await exchangeOnce(url);
    recordConformance(results, { ...finding, got: reply.slice(0, 300), isOk: isSameJson(reply, EXPECTED_REPLY) });
  } catch (error) {
    recordConformance(results, { ...finding, got: `no reply: ${error.message}`, isOk: false });
  }
}

/** Runs the echo load against a fresh process of `target`, recording round trips/s, CPU per round trip and RSS. */
async function benchWsTarget(target, round, options, results, log) {
  const port = await findFreePort();
  let started;
  try {
    started = await startTarget(target, { port });
  } catch (error) {
    recordFailure(results, { target: target.name, round, what: 'start', message: error.message });
    log(`  ${target.name}: failed to start: ${error.message}`);
    return;
  }
  const { targetProcess } = started;
  const url = `ws://127.0.0.1:${port}/`;
  const sample = (metric, value) =>
    recordSample(results, { suite: 'ws', target: target.name, cell: 'echo', metric, round, value });
  try {
    await checkEcho(results, target, url);
    await runWsLoad(url, options.warmup, CLIENTS);
    const before = await targetProcess.probe();
    const loadWindow = startLoadWindow();
    const load = await runWsLoad(url, options.duration, CLIENTS);
    const after = await targetProcess.probe();
    sample('othersCpuPercent', loadWindow.finish(after.cpuMicros - before.cpuMicros));
    sample('rtps', load.roundTripsPerSecond);
    sample('cpuMicrosPerRoundTrip', (after.cpuMicros - before.cpuMicros) / Math.max(1, load.roundTrips));
    sample('errors', load.errors);
    sample('rssAfter', after.rss);
    log(`  ${target.name}: ${Math.round(load.roundTripsPerSecond)} round trips/s`);
  } catch (error) {
    recordFailure(results, { target: target.name, round, what: 'ws load', message: error.message });
    log(`  ${target.name}: failed during load: ${error.message}`);
  } finally {
    await targetProcess.stop();
  }
}

module.exports = { benchWsTarget };
