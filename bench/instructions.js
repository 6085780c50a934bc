// Instructions per request of the raw and Corbel listeners, counted by valgrind's callgrind: stable under load.
//
// On a machine other engineers share, wall-clock time swings with their work; instruction counts do not. Each
// measurement runs the in-process driver twice under callgrind, with a short and a long run of the same scenario, and
// divides the difference in instructions by the difference in requests, so start-up, JIT warm-up and exit cancel out.
// Node runs with --single-threaded and a fixed 64 MB young generation: compilation and GC work on helper threads, and
// heap sizes chosen from measured allocation rates, would otherwise differ between runs by timing. Runs of one build
// still differ by a few percent, so compare two builds measured side by side.
// It reports; it asserts nothing. Needs `valgrind` (apt-get install -y valgrind).

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { loadHandlers, serveOne, toInProcess } = require('./lib/in-process.js');
const { HTTP_SCENARIOS } = require('./lib/scenarios.js');

const USAGE = `usage: node bench/instructions.js [--scenarios A,E,F] [--targets raw,corbel] [--dist DIR] [--requests N]
                                  [--repeat N]
  Counts instructions per request under valgrind --tool=callgrind, N times (default 3): the median, and the range. Compile the Corbel target first
  (node_modules/.bin/tsc -p bench/tsconfig.corbel.json); --dist reads it from another output folder.`;

// Served before either count starts to differ: by then the JIT has settled in both runs.
const WARMUP_REQUESTS = 4000;

function parseOptions(argv) {
  const options = {
    scenarios: HTTP_SCENARIOS.map((scenario) => scenario.id),
    targets: ['raw', 'corbel'],
    dist: path.join(__dirname, 'dist'),
    requests: 6000,
    repeat: 3,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--scenarios') options.scenarios = value.split(',');
    else if (flag === '--targets') options.targets = value.split(',');
    else if (flag === '--dist') options.dist = path.resolve(value);
    else if (flag === '--requests') options.requests = Number(value);
    else if (flag === '--repeat') options.repeat = Number(value);
    else if (flag === '--child') options.child = value;
    else throw new Error(USAGE);
  }
  return options;
}

/** Inside valgrind: serve `count` requests of one scenario with one target, then exit. */
async function runChild(options) {
  const [target, id, count] = options.child.split(':');
  const handler = loadHandlers(options.dist).get(target);
  const scenario = toInProcess(HTTP_SCENARIOS.find((candidate) => candidate.id === id));
  for (let i = 0; i < WARMUP_REQUESTS + Number(count); i++) {
    const status = await serveOne(handler, scenario);
    if (status !== scenario.status) throw new Error(`${id}: expected ${scenario.status}, got ${status}`);
  }
}

function collected(stderr) {
  const match = /Collected : (\d+)/.exec(stderr);
  if (!match) throw new Error(`callgrind printed no instruction count:\n${stderr}`);
  return Number(match[1]);
}

function measure(options, target, id) {
  const run = (count) => {
    const result = spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        // V8 writes machine code as it runs: callgrind must notice code that changes in place.
        '--smc-check=all-non-file',
        process.execPath,
        '--single-threaded',
        // A fixed, large young generation: V8 otherwise sizes it from measured allocation rates (timing again).
        '--min-semi-space-size=64',
        '--max-semi-space-size=64',
        __filename,
        '--dist',
        options.dist,
        '--child',
        `${target}:${id}:${count}`,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`valgrind failed for ${target} ${id}:\n${result.stderr}`);
    return collected(result.stderr);
  };
  const short = run(options.requests / 3);
  const long = run(options.requests + options.requests / 3);
  return (long - short) / options.requests;
}

function format(count) {
  return Math.round(count).toLocaleString('en-US');
}

function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.child) return runChild(options);
  console.log(
    `| scenario | ${options.targets.map((target) => `${target} instructions/request (range)`).join(' | ')} |`,
  );
  console.log(`| --- | ${options.targets.map(() => '---').join(' | ')} |`);
  for (const id of options.scenarios) {
    const cells = options.targets.map((target) => {
      const counts = Array.from({ length: options.repeat }, () => measure(options, target, id)).sort((a, b) => a - b);
      return `${format(counts[Math.floor(counts.length / 2)])} (${format(counts[0])}–${format(counts.at(-1))})`;
    });
    console.log(`| ${id} | ${cells.join(' | ')} |`);
  }
  return undefined;
}

Promise.resolve()
  .then(main)
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
