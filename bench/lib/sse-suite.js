// One round of the SSE suite for one target: a conformance stream, warm-up, then 100 concurrent streams.

const { findFreePort } = require('./free-port.js');
const { startLoadWindow } = require('./machine-load.js');
const { recordConformance, recordFailure, recordSample } = require('./results.js');
const { CLIENTS, EXPECTED_STREAM, readStreamOnce, runSseLoad } = require('./sse-load.js');
const { startTarget } = require('./target-process.js');

async function checkStream(results, target, port) {
  const finding = {
    target: target.name,
    check: 'sse GET /events?count=3',
    expected: `200 text/event-stream, ${JSON.stringify(EXPECTED_STREAM)}`,
  };
  try {
    const { status, type, text } = await readStreamOnce(port);
    const isOk = status === 200 && String(type).startsWith('text/event-stream') && text === EXPECTED_STREAM;
    recordConformance(results, { ...finding, got: `${status} ${type} ${JSON.stringify(text).slice(0, 300)}`, isOk });
  } catch (error) {
    recordConformance(results, { ...finding, got: `no stream: ${error.message}`, isOk: false });
  }
}

/** Runs the SSE load against a fresh process of `target`, recording events/s, CPU per event and RSS. */
async function benchSseTarget(target, round, options, results, log) {
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
  const sample = (metric, value) =>
    recordSample(results, { suite: 'sse', target: target.name, cell: 'events', metric, round, value });
  try {
    await checkStream(results, target, port);
    await runSseLoad(port, options.warmup, CLIENTS);
    const before = await targetProcess.probe();
    const loadWindow = startLoadWindow();
    const load = await runSseLoad(port, options.duration, CLIENTS);
    const after = await targetProcess.probe();
    sample('othersCpuPercent', loadWindow.finish(after.cpuMicros - before.cpuMicros));
    sample('eps', load.eventsPerSecond);
    sample('cpuMicrosPerEvent', (after.cpuMicros - before.cpuMicros) / Math.max(1, load.events));
    sample('errors', load.errors);
    sample('rssAfter', after.rss);
    log(`  ${target.name}: ${Math.round(load.eventsPerSecond)} events/s over ${load.streams} streams`);
  } catch (error) {
    recordFailure(results, { target: target.name, round, what: 'sse load', message: error.message });
    log(`  ${target.name}: failed during load: ${error.message}`);
  } finally {
    await targetProcess.stop();
  }
}

module.exports = { benchSseTarget };
