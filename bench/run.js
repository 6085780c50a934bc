// Benchmark entry point: checks builds, compiles the decorator targets, runs interleaved rounds, writes the report.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('./lib/args.js');
const { cleanDist, compileGroup, describeCompile } = require('./lib/compile.js');
const { describeHttpLoad } = require('./lib/http-load.js');
const { benchHttpTarget } = require('./lib/http-suite.js');
const { describeMachine, describeVersions } = require('./lib/machine.js');
const { renderReport } = require('./lib/report.js');
const { createResults } = require('./lib/results.js');
const { benchRouteScaling, ROUTE_COUNTS } = require('./lib/route-suite.js');
const { benchSseTarget } = require('./lib/sse-suite.js');
const { CLIENTS: SSE_CLIENTS, EVENTS_PER_STREAM } = require('./lib/sse-load.js');
const {
  BENCH_DIR,
  BUILDS,
  COMPILE_GROUPS,
  findBuilds,
  HTTP_TARGETS,
  SSE_TARGETS,
  WS_TARGETS,
} = require('./lib/targets.js');
const { CLIENTS } = require('./lib/ws-load.js');
const { benchWsTarget } = require('./lib/ws-suite.js');

// Seconds of fixed cost per target process (spawn, conformance checks, stop), for the time estimate only.
const PROCESS_OVERHEAD_SECONDS = 2;

const log = (line) => console.error(line);

// Drops targets whose package is not built; a missing core is an error unless the caller opted out of Corbel.
function selectTargets(options, builds, notes) {
  const isSelected = (target) => options.targets === undefined || options.targets.includes(target.name);
  const keep = (target) => {
    const missing = target.needs.filter((need) => !builds[need]);
    if (missing.length === 0) return true;
    const what = missing.map((need) => `${path.relative(path.dirname(BENCH_DIR), BUILDS[need].entry)}`).join(', ');
    notes.push(`${target.name} skipped: ${what} does not exist yet.`);
    return false;
  };
  const http = options.suites.includes('http') ? HTTP_TARGETS.filter(isSelected) : [];
  const ws = options.suites.includes('ws') ? WS_TARGETS.filter(isSelected) : [];
  const routes = options.suites.includes('routes') ? HTTP_TARGETS.filter((t) => t.routeScaling && isSelected(t)) : [];
  const sse = options.suites.includes('sse') ? SSE_TARGETS.filter(isSelected) : [];
  const needsCore = [...http, ...ws, ...routes, ...sse].some((target) => target.needs.includes('core'));
  if (needsCore && !builds.core && !options.isWithoutCorbel) {
    throw new Error(
      `${BUILDS.core.entry} not found: run npm run build first (or pass --without-corbel to bench the others).`,
    );
  }
  return { http: http.filter(keep), ws: ws.filter(keep), routes: routes.filter(keep), sse: sse.filter(keep) };
}

// Compiles each TypeScript group the selected targets need; a failing group drops only its own targets.
function compileTargets(selected, notes) {
  cleanDist();
  const all = [...selected.http, ...selected.ws, ...selected.routes, ...selected.sse];
  const groups = new Set(all.map((t) => t.group).filter(Boolean));
  const failed = new Set();
  for (const name of groups) {
    log(`compiling ${name} targets: ${describeCompile(COMPILE_GROUPS[name])}`);
    const { ok, output } = compileGroup(COMPILE_GROUPS[name]);
    if (ok) continue;
    failed.add(name);
    notes.push(`${name} targets skipped: tsc failed:\n\n${output.replace(/^/gm, '      ')}`);
    log(`tsc failed for ${name}:\n${output}`);
  }
  const compiled = (target) => target.group === undefined || !failed.has(target.group);
  return {
    http: selected.http.filter(compiled),
    ws: selected.ws.filter(compiled),
    routes: selected.routes.filter(compiled),
    sse: selected.sse.filter(compiled),
    groups: [...groups],
  };
}

// Each round starts one target later, so no target is always first (cold caches) or last (a warm machine).
function rotate(list, by) {
  if (list.length === 0) return list;
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

function describeCommands(options, targets) {
  const targetLine = (target, extra = '') => `NODE_ENV=production PORT=<free port>${extra} node bench/${target.script}`;
  return [
    '# what ran (from the repo root, after npm ci and npm run build)',
    `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    ...targets.groups.map((group) => describeCompile(COMPILE_GROUPS[group])),
    '# targets, one at a time, each forked with an IPC channel for the CPU/RSS probes',
    ...targets.http.map((target) => targetLine(target)),
    ...targets.routes.map((target) => targetLine(target, ` BENCH_ROUTES=${ROUTE_COUNTS.join('|')}`)),
    ...targets.ws.map((target) => targetLine(target)),
    ...targets.sse.map((target) => targetLine(target)),
    `# load per cell: ${options.warmup} s warm-up, then the measured run`,
    ...options.scenarios.map((scenario) => `${scenario.id}: ${describeHttpLoad(scenario, options.duration)}`),
    `ws: ${CLIENTS} ws clients (bench/lib/ws-load.js) on ws://127.0.0.1:PORT/, each sending ` +
      `{"event":"echo","data":{"client":i,"sequence":n}} and awaiting the reply, for ${options.duration} s`,
    `sse: ${SSE_CLIENTS} concurrent streams (bench/lib/sse-load.js) of GET /events?count=${EVENTS_PER_STREAM}, each ` +
      `reconnecting when its stream ends, for ${options.duration} s; heartbeats off in every target`,
  ];
}

function estimateSeconds(options, targets) {
  const cells =
    targets.http.length * options.scenarios.length + targets.ws.length + targets.routes.length * 2 + targets.sse.length;
  const processes = targets.http.length + targets.ws.length + targets.routes.length * 2 + targets.sse.length;
  return options.rounds * (cells * (options.warmup + options.duration) + processes * PROCESS_OVERHEAD_SECONDS);
}

function writeReport(markdown, label) {
  const dir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const dated = path.join(dir, `${new Date().toISOString().slice(0, 10)}-${label}.md`);
  fs.writeFileSync(path.join(dir, 'latest.md'), markdown);
  fs.writeFileSync(dated, markdown);
  return [path.join(dir, 'latest.md'), dated];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0];
  // Read before the rounds: others commit while a run lasts, and the report must name the code it measured.
  const machine = describeMachine();
  const notes = [];
  const targets = compileTargets(selectTargets(options, findBuilds(), notes), notes);
  const estimate = estimateSeconds(options, targets);
  log(`${options.rounds} round(s); about ${Math.ceil(estimate / 60)} min`);
  // Every load is bounded on its own; this guards against a hang in between (a probe, a stop) all the same.
  const watchdog = setTimeout(
    () => {
      log(`aborting: still running after ${Math.ceil((2 * estimate + 300) / 60)} min`);
      process.exit(3);
    },
    (2 * estimate + 300) * 1000,
  );
  watchdog.unref();

  const results = createResults();
  for (let round = 0; round < options.rounds; round++) {
    log(`round ${round + 1}/${options.rounds}`);
    for (const target of rotate(targets.http, round)) await benchHttpTarget(target, round, options, results, log);
    for (const target of rotate(targets.ws, round)) await benchWsTarget(target, round, options, results, log);
    for (const target of rotate(targets.routes, round)) await benchRouteScaling(target, round, options, results, log);
    for (const target of rotate(targets.sse, round)) await benchSseTarget(target, round, options, results, log);
  }

  const markdown = renderReport(results, {
    label: options.label,
    startedAt,
    elapsedMinutes: (Date.now() - startedAt.getTime()) / 60_000,
    rounds: options.rounds,
    duration: options.duration,
    warmup: options.warmup,
    machine,
    loadAverages: [loadAtStart, os.loadavg()[0]],
    versions: describeVersions(),
    commands: describeCommands(options, targets),
    notes,
    httpTargets: targets.http,
    scenarios: options.scenarios,
    wsTargets: targets.ws,
    routeTargets: targets.routes,
    sseTargets: targets.sse,
  });
  console.log(markdown);
  if (options.isWriting) log(`wrote ${writeReport(markdown, options.label).join(' and ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
