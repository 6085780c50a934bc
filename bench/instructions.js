// Instructions per request of Corbel builds under callgrind: a comparison that load on a shared machine cannot skew.
//
// Wall-clock numbers (run.js, micro.js) swing with whatever else the machine runs. Instruction counts do not: this
// runs N requests of a scenario in-process (as micro.js does) under `valgrind --tool=callgrind` twice, with N small
// and N large, and reports (I(large) − I(small)) / (large − small), so start-up and warm-up cancel out. V8 runs
// --predictable --single-threaded with a large young generation, so JIT and GC happen the same way in every run.

const { spawnSync } = require('node:child_process');
const http = require('node:http');
const { Socket } = require('node:net');
const path = require('node:path');
const { HTTP_SCENARIOS } = require('./lib/scenarios.js');

const USAGE = `usage: node bench/instructions.js [--scenarios A,B,C,D] [--small N] [--large N] [--dist DIR ...]
  Each --dist is a compiled bench/dist of one build (default: this checkout's); needs valgrind.`;
const V8_FLAGS = ['--predictable', '--single-threaded', '--max-semi-space-size=256'];

/** Child mode: serve `count` requests of `scenario` through the app of `dist`, nothing else. */
async function serveRequests(dist, scenarioId, count) {
  const scenario = HTTP_SCENARIOS.find((each) => each.id === scenarioId);
  const handler = require(path.join(dist, 'corbel-http.js')).createBenchApp(0).handler;
  const socket = new Socket();
  class Response extends http.ServerResponse {
    end(...args) {
      const result = super.end(...args);
      this.done();
      return result;
    }
  }
  for (let index = 0; index < count; index++) {
    const status = await new Promise((resolve) => {
      const request = new http.IncomingMessage(socket);
      Object.assign(request, { method: scenario.method, url: scenario.path, httpVersion: '1.1' });
      request.httpVersionMajor = 1;
      request.httpVersionMinor = 1;
      const body = scenario.body === undefined ? undefined : Buffer.from(scenario.body);
      request.headers = { host: '127.0.0.1', connection: 'keep-alive' };
      if (body !== undefined) {
        request.headers['content-type'] = 'application/json';
        request.headers['content-length'] = String(body.length);
        request.push(body);
      }
      request.complete = true;
      request.push(null);
      const response = new Response(request);
      response.done = () => resolve(response.statusCode);
      handler(request, response);
    });
    if (status !== scenario.expectedStatus)
      throw new Error(`${scenarioId}: expected ${scenario.expectedStatus}, got ${status}`);
  }
}

function instructions(dist, scenarioId, count) {
  const run = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      process.execPath,
      ...V8_FLAGS,
      __filename,
      '--child',
      dist,
      scenarioId,
      String(count),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const match = /Collected : (\d+)/.exec(run.stderr ?? '');
  if (run.status !== 0 || match === null) throw new Error(`valgrind failed for ${dist} ${scenarioId}:\n${run.stderr}`);
  return Number(match[1]);
}

function main(argv) {
  const options = { scenarios: ['A', 'B', 'C', 'D'], small: 24000, large: 64000, dists: [] };
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--scenarios') options.scenarios = value.split(',');
    else if (flag === '--small') options.small = Number(value);
    else if (flag === '--large') options.large = Number(value);
    else if (flag === '--dist') options.dists.push(path.resolve(value));
    else throw new Error(USAGE);
  }
  if (options.dists.length === 0) options.dists.push(path.join(__dirname, 'dist'));
  console.log(`| scenario | ${options.dists.join(' | ')} |`);
  console.log(`| --- |${' --- |'.repeat(options.dists.length)}`);
  for (const scenario of options.scenarios) {
    const perRequest = options.dists.map((dist) => {
      const delta = instructions(dist, scenario, options.large) - instructions(dist, scenario, options.small);
      return Math.round(delta / (options.large - options.small)).toLocaleString('en-US');
    });
    console.log(`| ${scenario} | ${perRequest.join(' | ')} |`);
  }
}

if (process.argv[2] === '--child') {
  const [dist, scenarioId, count] = process.argv.slice(3);
  serveRequests(dist, scenarioId, Number(count)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main(process.argv.slice(2));
}
