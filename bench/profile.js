// Profiles one target under one scenario's load with node --cpu-prof and prints the top self-time functions.

const fs = require('node:fs');
const path = require('node:path');
const { summarizeCpuProfile } = require('./lib/cpu-profile-summary.js');
const { findFreePort } = require('./lib/free-port.js');
const { runHttpLoad } = require('./lib/http-load.js');
const { HTTP_SCENARIOS } = require('./lib/scenarios.js');
const { startTarget } = require('./lib/target-process.js');
const { BENCH_DIR, HTTP_TARGETS, WS_TARGETS } = require('./lib/targets.js');
const { runWsLoad } = require('./lib/ws-load.js');

const USAGE = `usage: node bench/profile.js [--target NAME] [--scenarios A,D] [--duration S] [--top N]
  Profiles an already compiled target (run node bench/run.js once first) and prints markdown;
  a WebSocket target (raw-ws, corbel-ws-subscribe, corbel-ws-loop, nest-ws) runs the echo load instead.`;
const PROFILE_DIR = path.join(BENCH_DIR, 'profiles');
const WARMUP_SECONDS = 1;

function parseOptions(argv) {
  const options = { target: 'corbel', scenarios: ['A', 'D'], duration: 10, top: 15 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--target') options.target = value;
    else if (flag === '--scenarios') options.scenarios = value.split(',');
    else if (flag === '--duration') options.duration = Number(value);
    else if (flag === '--top') options.top = Number(value);
    else throw new Error(USAGE);
  }
  return options;
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;

function renderSummary(title, summary, top) {
  const ms = (micros) => (micros / 1000).toFixed(0);
  // Idle time is the server waiting on the load generator; shares of busy time are what compare across targets.
  const idle = summary.areas.find((entry) => entry.area === '(idle)')?.micros ?? 0;
  const busy = summary.totalMicros - idle;
  const lines = [`### ${title}`, '', `${ms(busy)} ms busy, ${ms(idle)} ms idle; shares are of busy time.`, ''];
  lines.push('| self ms | self % | function | where |', '| --- | --- | --- | --- |');
  for (const { name, where, micros } of summary.functions.filter((entry) => entry.name !== '(idle)').slice(0, top)) {
    lines.push(`| ${ms(micros)} | ${percent(micros, busy)} | \`${name}\` | ${where} |`);
  }
  lines.push('', '| self ms | self % | area |', '| --- | --- | --- |');
  for (const { area, micros } of summary.areas.filter((entry) => entry.area !== '(idle)').slice(0, top)) {
    lines.push(`| ${ms(micros)} | ${percent(micros, busy)} | ${area} |`);
  }
  return lines.join('\n');
}

// Profiles one fresh process of `target` while `runLoad(port, seconds)` drives it; resolves the markdown summary.
async function profileLoad(target, title, runLoad, options) {
  const name = `${target.name}-${Date.now()}.cpuprofile`;
  const port = await findFreePort();
  const execArgv = ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', name];
  const { targetProcess } = await startTarget(target, { port, execArgv });
  let rate;
  try {
    await runLoad(port, WARMUP_SECONDS);
    rate = await runLoad(port, options.duration);
  } finally {
    await targetProcess.stop();
  }
  return renderSummary(`${title}: ${rate}`, summarizeCpuProfile(path.join(PROFILE_DIR, name)), options.top);
}

function findTarget(name) {
  const target = [...HTTP_TARGETS, ...WS_TARGETS].find((candidate) => candidate.name === name);
  if (target === undefined) throw new Error(`unknown target '${name}'\n${USAGE}`);
  if (!fs.existsSync(target.scriptPath)) throw new Error(`${target.scriptPath} not found: run node bench/run.js first`);
  return target;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const target = findTarget(options.target);
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  if (WS_TARGETS.includes(target)) {
    const runLoad = async (port, seconds) => {
      const load = await runWsLoad(`ws://127.0.0.1:${port}/`, seconds);
      return `${Math.round(load.roundTripsPerSecond)} round trips/s`;
    };
    console.log(`${await profileLoad(target, `${target.name}, ws echo`, runLoad, options)}\n`);
    return;
  }
  for (const id of options.scenarios) {
    const scenario = HTTP_SCENARIOS.find((candidate) => candidate.id === id);
    if (scenario === undefined) throw new Error(`unknown scenario '${id}'\n${USAGE}`);
    const runLoad = async (port, seconds) =>
      `${Math.round((await runHttpLoad(scenario, port, seconds)).requestsPerSecond)} req/s`;
    const title = `${target.name}, scenario ${scenario.id} (${scenario.title})`;
    console.log(`${await profileLoad(target, title, runLoad, options)}\n`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
