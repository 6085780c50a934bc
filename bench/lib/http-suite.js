// One round of the HTTP suite for one target: cold start, a conformance check, then warm-up and load per scenario.

const { findFreePort } = require('./free-port.js');
const { sendRequest } = require('./http-request.js');
const { runHttpLoad } = require('./http-load.js');
const { startLoadWindow } = require('./machine-load.js');
const { recordConformance, recordFailure, recordSample } = require('./results.js');
const { startTarget } = require('./target-process.js');

const BODY_EXCERPT_CHARS = 300;

/** Sends one request of `scenario` and records whether status and body are what the scenario demands. */
async function checkScenario(results, target, scenario, port) {
  const finding = {
    target: target.name,
    check: `${scenario.id} ${scenario.method} ${scenario.path}`,
    expected: `${scenario.expectedStatus} ${scenario.expectedBody}`,
  };
  try {
    const response = await sendRequest({ port, ...scenario });
    const problem =
      response.status === scenario.expectedStatus ? scenario.check(response.body) : `status ${response.status}`;
    recordConformance(results, {
      ...finding,
      got: `${response.status} ${response.body.slice(0, BODY_EXCERPT_CHARS)}`,
      isOk: problem === undefined,
      problem,
    });
  } catch (error) {
    recordConformance(results, {
      ...finding,
      got: `no response: ${error.message}`,
      isOk: false,
      problem: 'no response',
    });
  }
}

/** Loads one scenario: warm-up, then the measured run bracketed by two CPU probes of the target. */
async function measureScenario(targetProcess, scenario, port, options) {
  await runHttpLoad(scenario, port, options.warmup);
  const before = await targetProcess.probe();
  const loadWindow = startLoadWindow();
  const load = await runHttpLoad(scenario, port, options.duration);
  const after = await targetProcess.probe();
  const serverCpuMicros = after.cpuMicros - before.cpuMicros;
  return {
    ...load,
    cpuMicrosPerRequest: serverCpuMicros / Math.max(1, load.requests),
    othersCpuPercent: loadWindow.finish(serverCpuMicros),
  };
}

/** Runs every HTTP scenario against a fresh process of `target`, recording into `results` for `round`. */
async function benchHttpTarget(target, round, options, results, log) {
  const port = await findFreePort();
  let started;
  try {
    started = await startTarget(target, { port, coldStartPath: '/users/7' });
  } catch (error) {
    recordFailure(results, { target: target.name, round, what: 'start', message: error.message });
    log(`  ${target.name}: failed to start: ${error.message}`);
    return;
  }
  const { targetProcess, coldStartMs } = started;
  const sample = (cell, metric, value) =>
    recordSample(results, { suite: 'http', target: target.name, cell, metric, round, value });
  try {
    sample('startup', 'coldStartMs', coldStartMs);
    sample('startup', 'rssIdle', (await targetProcess.probe()).rss);
    for (const scenario of options.scenarios) {
      await checkScenario(results, target, scenario, port);
      const measured = await measureScenario(targetProcess, scenario, port, options);
      sample(scenario.id, 'rps', measured.requestsPerSecond);
      sample(scenario.id, 'cpuMicrosPerRequest', measured.cpuMicrosPerRequest);
      sample(scenario.id, 'p99Ms', measured.p99Ms);
      sample(scenario.id, 'unexpected', measured.unexpected);
      sample(scenario.id, 'othersCpuPercent', measured.othersCpuPercent);
      const warning = measured.unexpected > 0 ? ` (${measured.unexpected} unexpected responses/errors)` : '';
      log(`  ${target.name} ${scenario.id}: ${Math.round(measured.requestsPerSecond)} req/s${warning}`);
    }
    sample('startup', 'rssAfter', (await targetProcess.probe()).rss);
  } catch (error) {
    recordFailure(results, { target: target.name, round, what: 'load', message: error.message });
    log(`  ${target.name}: failed during load: ${error.message}`);
  } finally {
    await targetProcess.stop();
  }
}

module.exports = { benchHttpTarget, checkScenario, measureScenario };
