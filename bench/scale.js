// Scale-out benchmark: idle memory per WebSocket and a burst of echoes (one process), and room fan-out across two
// server processes sharing one Redis, Corbel's hub against socket.io with @socket.io/redis-adapter.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { compileGroup } = require('./lib/compile.js');
const { describeMachine } = require('./lib/machine.js');
const { median } = require('./lib/stats.js');
const { BENCH_DIR, COMPILE_GROUPS, WS_TARGETS } = require('./lib/targets.js');
const { benchIdleTarget } = require('./lib/ws-idle-suite.js');

const USAGE = `usage: node bench/scale.js [--cells idle,fanout] [--clients N] [--rounds N] [--window N] [--label NAME] [--no-write]`;

function parse(argv) {
  const options = { cells: ['idle', 'fanout'], clients: 4000, rounds: 3, label: 'scale', isWriting: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => argv[++i];
    if (flag === '--cells') options.cells = next().split(',');
    else if (flag === '--clients') options.clients = Number(next());
    else if (flag === '--rounds') options.rounds = Number(next());
    else if (flag === '--window') options.window = Number(next());
    else if (flag === '--label') options.label = next();
    else if (flag === '--no-write') options.isWriting = false;
    else throw new Error(`unknown option '${flag}'\n${USAGE}`);
  }
  return options;
}

const log = (line) => console.error(line);
const kb = (bytes) => (bytes / 1024).toFixed(2);

async function runIdle(options) {
  const targets = WS_TARGETS.filter((target) => target.name !== 'nest-ws');
  const rows = new Map(targets.map((target) => [target.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const target of [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)]) {
      const result = await benchIdleTarget(target, options.clients);
      rows.get(target.name).push(result);
      log(`  ${target.name}: ${kb(result.rssPerConnection)} KiB RSS/conn, burst ${result.burstMs.toFixed(0)} ms`);
    }
  }
  const summary = (name, metric) => median(rows.get(name).map((row) => row[metric]));
  const raw = { rss: summary('raw-ws', 'rssPerConnection'), burst: summary('raw-ws', 'burstMs') };
  const lines = [
    `## Idle memory and burst (${options.clients} clients, one process, ${options.rounds} rounds, medians)`,
    '',
    '| target | RSS per idle connection | × raw | heap+external per connection | burst (each client one echo) | × raw | server CPU in the burst |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const target of targets) {
    const rss = summary(target.name, 'rssPerConnection');
    const heap = summary(target.name, 'heapPerConnection');
    const burstMs = summary(target.name, 'burstMs');
    const cpu = summary(target.name, 'burstCpuMicros');
    lines.push(
      `| ${target.name} | ${kb(rss)} KiB | ${(rss / raw.rss).toFixed(2)}× | ${kb(heap)} KiB | ${burstMs.toFixed(0)} ms | ` +
        `${(burstMs / raw.burst).toFixed(2)}× | ${(cpu / 1000).toFixed(0)} ms |`,
    );
  }
  return lines;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const compiled = compileGroup(COMPILE_GROUPS['corbel-ws']);
  if (!compiled.ok) throw new Error(`tsc failed for the Corbel WebSocket targets:\n${compiled.output}`);
  const sections = [];
  if (options.cells.includes('idle')) sections.push(...(await runIdle(options)), '');
  if (options.cells.includes('fanout')) {
    const { runFanout } = require('./lib/fanout-suite.js');
    sections.push(...(await runFanout(options, log)), '');
  }
  const machine = describeMachine();
  const markdown = [
    `# Scale-out benchmark (${options.label})`,
    '',
    `${startedAt.toISOString()}; ${machine.cpu}, ${machine.cores} cores, ${machine.memory}; Node ${machine.node}; ` +
      `commit ${machine.commit}; load average ${loadAtStart[0].toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end.`,
    '',
    `Command: \`node bench/scale.js ${process.argv.slice(2).join(' ')}\``.replace(' `', '`'),
    '',
    ...sections,
  ].join('\n');
  console.log(markdown);
  if (options.isWriting) {
    const file = path.join(BENCH_DIR, 'results', `${startedAt.toISOString().slice(0, 10)}-${options.label}.md`);
    fs.writeFileSync(file, markdown);
    log(`wrote ${file}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
