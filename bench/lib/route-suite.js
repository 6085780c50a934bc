// One round of the route-count suite: scenario A on a target registering 10, then 1,000 routes.

const { findFreePort } = require('./free-port.js');
const { sendRequest } = require('./http-request.js');
const { checkScenario, measureScenario } = require('./http-suite.js');
const { recordConformance, recordFailure, recordSample } = require('./results.js');
const { HTTP_SCENARIOS, SCENARIO_ROUTES } = require('./scenarios.js');
const { startTarget } = require('./target-process.js');

const ROUTE_COUNTS = [10, 1000];
const SCENARIO_A = HTTP_SCENARIOS.find((scenario) => scenario.id === 'A');

// Proves the padding routes exist: the last one registered must answer, or "1,000 routes" would be a claim only.
async function checkPadding(results, target, routeCount, port) {
  const path = `/r${routeCount - SCENARIO_ROUTES - 1}/7`;
  const finding = { target: target.name, check: `padding GET ${path} (${routeCount} routes)`, expected: '200' };
  try {
    const response = await sendRequest({ port, method: 'GET', path });
    recordConformance(results, {
      ...finding,
      got: `${response.status} ${response.body.slice(0, 200)}`,
      isOk: response.status === 200,
    });
  } catch (error) {
    recordConformance(results, { ...finding, got: `no response: ${error.message}`, isOk: false });
  }
}

/** Measures scenario A on `target` at each route count, one fresh process per count. */
async function benchRouteScaling(target, round, options, results, log) {
  for (const routeCount of ROUTE_COUNTS) {
    const port = await findFreePort();
    let started;
    try {
      started = await startTarget(target, { port, env: { BENCH_ROUTES: String(routeCount) } });
    } catch (error) {
      recordFailure(results, {
        target: target.name,
        round,
        what: `start with ${routeCount} routes`,
        message: error.message,
      });
      log(`  ${target.name} @${routeCount}: failed to start: ${error.message}`);
      continue;
    }
    const { targetProcess } = started;
    try {
      await checkScenario(results, { name: `${target.name} @${routeCount} routes` }, SCENARIO_A, port);
      await checkPadding(results, target, routeCount, port);
      const measured = await measureScenario(targetProcess, SCENARIO_A, port, options);
      recordSample(results, {
        suite: 'routes',
        target: target.name,
        cell: String(routeCount),
        metric: 'rps',
        round,
        value: measured.requestsPerSecond,
      });
      recordSample(results, {
        suite: 'routes',
        target: target.name,
        cell: String(routeCount),
        metric: 'othersCpuPercent',
        round,
        value: measured.othersCpuPercent,
      });
      log(`  ${target.name} A @${routeCount} routes: ${Math.round(measured.requestsPerSecond)} req/s`);
    } catch (error) {
      recordFailure(results, {
        target: target.name,
        round,
        what: `load with ${routeCount} routes`,
        message: error.message,
      });
      log(`  ${target.name} @${routeCount}: failed during load: ${error.message}`);
    } finally {
      await targetProcess.stop();
    }
  }
}

module.exports = { benchRouteScaling, ROUTE_COUNTS };
