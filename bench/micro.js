// In-process cost per request of each HTTP target's own code, without sockets or a load generator.
//
// The socket benchmark (run.js) is the truth a user sees, but on a 2-core machine it swings ±15 % and the framework's
// own work is a few µs of a ~15 µs request. This drives the same request listeners with real node IncomingMessage /
// ServerResponse objects (no socket: node buffers the bytes it would write), so differences of a few hundred
// nanoseconds show up between two builds. It reports; it asserts nothing.

const path = require('node:path');
const { loadHandlers, serveOne, toInProcess } = require('./lib/in-process.js');
const { HTTP_SCENARIOS } = require('./lib/scenarios.js');

const USAGE = `usage: node bench/micro.js [--scenarios A,B,C,D,E,F] [--rounds N] [--requests N] [--dist DIR]
  Compares raw and corbel. Compile the Corbel target first (node bench/run.js does, or:
  npx tsc -b && node_modules/.bin/tsc -p bench/tsconfig.corbel.json); --dist reads it from another output folder.`;

function parseOptions(argv) {
  const options = {
    scenarios: HTTP_SCENARIOS.map((scenario) => scenario.id),
    rounds: 7,
    requests: 20000,
    dist: path.join(__dirname, 'dist'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--scenarios') options.scenarios = value.split(',');
    else if (flag === '--rounds') options.rounds = Number(value);
    else if (flag === '--requests') options.requests = Number(value);
    else if (flag === '--dist') options.dist = path.resolve(value);
    else throw new Error(USAGE);
  }
  return options;
}

async function measure(handler, scenario, requests) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests; i++) {
    const status = await serveOne(handler, scenario);
    if (status !== scenario.status) throw new Error(`${scenario.id}: expected ${scenario.status}, got ${status}`);
  }
  return Number(process.hrtime.bigint() - started) / requests;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const handlers = loadHandlers(options.dist);
  const scenarios = HTTP_SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.id)).map(toInProcess);
  const results = new Map();
  for (let round = 0; round < options.rounds; round++) {
    for (const scenario of scenarios) {
      for (const [target, handler] of handlers) {
        const key = `${target} ${scenario.id}`;
        const nanos = await measure(handler, scenario, options.requests);
        // The first round warms up the JIT; it is not counted.
        if (round > 0) results.set(key, [...(results.get(key) ?? []), nanos]);
      }
    }
  }
  console.log('| scenario | raw ns/request | corbel ns/request | corbel − raw |');
  console.log('| --- | --- | --- | --- |');
  for (const scenario of scenarios) {
    const raw = median(results.get(`raw ${scenario.id}`));
    const corbel = median(results.get(`corbel ${scenario.id}`));
    console.log(`| ${scenario.id} | ${raw.toFixed(0)} | ${corbel.toFixed(0)} | ${(corbel - raw).toFixed(0)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
