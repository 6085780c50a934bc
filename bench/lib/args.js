// Reads run.js's command line into run options; --quick only changes defaults, explicit flags still win.

const { HTTP_SCENARIOS } = require('./scenarios.js');

const USAGE = `usage: node bench/run.js [options]
  --quick              1 round, 2 s per cell (default: 3 rounds, 5 s per cell)
  --rounds N           rounds; each round runs every target x scenario once
  --duration S         measured seconds per cell
  --warmup S           unmeasured seconds of load before each cell
  --suites LIST        comma list of http,ws,routes,sse (default: all)
  --targets LIST       comma list of target names to run (default: all)
  --scenarios LIST     comma list of HTTP scenario ids to run, e.g. A,E,F (default: all)
  --without-corbel     run without the Corbel targets when packages/core/dist is missing
  --label NAME         results/YYYY-MM-DD-NAME.md (default: quick or full)
  --no-write           print the report without writing results/`;

const SUITES = ['http', 'ws', 'routes', 'sse'];
const SCENARIO_IDS = HTTP_SCENARIOS.map((scenario) => scenario.id);

function readNumber(flag, value) {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} expects a positive number, got '${value}'`);
  return number;
}

function readList(value) {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Parses argv (without node and script) into options, or throws with a message that ends in the usage. */
function parseArgs(argv) {
  const isQuick = argv.includes('--quick');
  const options = {
    isQuick,
    rounds: isQuick ? 1 : 3,
    duration: isQuick ? 2 : 5,
    warmup: 1,
    suites: SUITES,
    targets: undefined,
    scenarios: HTTP_SCENARIOS,
    isWithoutCorbel: false,
    label: isQuick ? 'quick' : 'full',
    isWriting: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (flag === '--quick') continue;
    else if (flag === '--rounds') options.rounds = Math.round(readNumber(flag, next()));
    else if (flag === '--duration') options.duration = readNumber(flag, next());
    else if (flag === '--warmup') options.warmup = readNumber(flag, next());
    else if (flag === '--suites') options.suites = readList(next());
    else if (flag === '--targets') options.targets = readList(next());
    else if (flag === '--scenarios') {
      const ids = readList(next());
      const unknown = ids.filter((id) => !SCENARIO_IDS.includes(id));
      if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}\n${USAGE}`);
      options.scenarios = HTTP_SCENARIOS.filter((scenario) => ids.includes(scenario.id));
    } else if (flag === '--without-corbel') options.isWithoutCorbel = true;
    else if (flag === '--label') options.label = next().replace(/[^\w.-]/g, '-');
    else if (flag === '--no-write') options.isWriting = false;
    else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option '${flag}'\n${USAGE}`);
  }
  const unknownSuites = options.suites.filter((suite) => !SUITES.includes(suite));
  if (unknownSuites.length > 0) throw new Error(`unknown suite(s) ${unknownSuites.join(', ')}\n${USAGE}`);
  return options;
}

module.exports = { parseArgs };
