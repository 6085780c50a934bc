// Compression benchmark: a ~100 KB JSON answer from Corbel (compression: true) and Fastify (@fastify/compress),
// in the same run, per encoding: req/s, server CPU per request, and bytes on the wire per response.

const fs = require('node:fs');
const path = require('node:path');
const { brotliDecompressSync, gunzipSync } = require('node:zlib');
const { compileGroup, describeCompile } = require('./lib/compile.js');
const { COMPRESSION_PATH, compressionPayload } = require('./lib/compression-payload.js');
const { findFreePort } = require('./lib/free-port.js');
const { sendRequest } = require('./lib/http-request.js');
const { runHttpLoad } = require('./lib/http-load.js');
const { describeMachine } = require('./lib/machine.js');
const { startLoadWindow } = require('./lib/machine-load.js');
const { BENCH_DIR, COMPILE_GROUPS } = require('./lib/targets.js');

const USAGE = 'usage: node bench/compression.js [--rounds N] [--duration S] [--no-write]';
const TARGETS = [
  { name: 'corbel', scriptPath: path.join(BENCH_DIR, 'dist/corbel-compress.js') },
  { name: 'fastify', scriptPath: path.join(BENCH_DIR, 'targets/fastify-compress.js') },
];
// identity: the client accepts no encoding (compression on, nothing to do); off: compression not configured.
const ENCODINGS = [
  { id: 'off', accept: undefined, env: { COMPRESSION: 'off' } },
  { id: 'identity', accept: undefined, env: {} },
  { id: 'gzip', accept: 'gzip', env: {} },
  { id: 'br', accept: 'br', env: {} },
];
const EXPECTED = JSON.stringify(compressionPayload());

function parseOptions(argv) {
  const options = { rounds: 3, duration: 5, warmup: 1, write: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-write') options.write = false;
    else if (argv[i] === '--rounds') options.rounds = Number(argv[++i]);
    else if (argv[i] === '--duration') options.duration = Number(argv[++i]);
    else throw new Error(USAGE);
  }
  return options;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One request through a real client: the body must decode back to the payload, with the encoding asked for. */
async function checkAnswer(port, encoding) {
  const headers = encoding.accept === undefined ? {} : { 'accept-encoding': encoding.accept };
  const raw = await new Promise((resolve, reject) => {
    require('node:http')
      .get({ host: '127.0.0.1', port, path: COMPRESSION_PATH, headers, agent: false }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
  const used = raw.headers['content-encoding'];
  const decoded = used === 'gzip' ? gunzipSync(raw.body) : used === 'br' ? brotliDecompressSync(raw.body) : raw.body;
  const wanted = encoding.accept;
  if (used !== wanted) return `Content-Encoding ${used}, expected ${wanted ?? 'none'}`;
  return decoded.toString('utf8') === EXPECTED ? undefined : 'the body does not decode to the payload';
}

async function measure(target, encoding, options) {
  const port = await findFreePort();
  const { startTarget } = require('./lib/target-process.js');
  const { targetProcess } = await startTarget(target, { port, env: encoding.env });
  try {
    await sendRequest({ port, method: 'GET', path: COMPRESSION_PATH });
    const problem = await checkAnswer(port, encoding);
    const scenario = {
      method: 'GET',
      path: COMPRESSION_PATH,
      headers: encoding.accept === undefined ? {} : { 'accept-encoding': encoding.accept },
      expectedStatus: 200,
    };
    await runHttpLoad(scenario, port, options.warmup);
    const before = await targetProcess.probe();
    const window = startLoadWindow();
    const load = await runHttpLoad(scenario, port, options.duration);
    const after = await targetProcess.probe();
    const cpu = after.cpuMicros - before.cpuMicros;
    return {
      problem,
      rps: load.requestsPerSecond,
      cpuMicrosPerRequest: cpu / Math.max(1, load.requests),
      bytes: load.bytesPerResponse,
      unexpected: load.unexpected,
      others: window.finish(cpu),
    };
  } finally {
    await targetProcess.stop();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const compiled = compileGroup(COMPILE_GROUPS.corbel);
  if (!compiled.ok) throw new Error(`${describeCompile(COMPILE_GROUPS.corbel)} failed:\n${compiled.output}`);
  const samples = new Map();
  const problems = new Set();
  for (let round = 0; round < options.rounds; round++) {
    // Each round starts with the other target, so neither always runs on a warmer or quieter machine.
    const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
    for (const encoding of ENCODINGS) {
      for (const target of order) {
        const result = await measure(target, encoding, options);
        const key = `${target.name} ${encoding.id}`;
        if (result.problem) problems.add(`${key}: ${result.problem}`);
        if (result.unexpected > 0) problems.add(`${key}: ${result.unexpected} unexpected responses`);
        samples.set(key, [...(samples.get(key) ?? []), result]);
        console.error(`round ${round + 1} ${key}: ${Math.round(result.rps)} req/s, ${Math.round(result.bytes)} B`);
      }
    }
  }
  const machine = describeMachine();
  const lines = [
    '# Corbel benchmark: compression',
    '',
    `${new Date().toISOString()}, ${options.rounds} round(s), ${options.duration} s measured + ${options.warmup} s warm-up per cell.`,
    '',
    `machine: ${machine.cpu}, ${machine.cores} cores, commit ${machine.commit} · Node ${process.version} · payload ${EXPECTED.length} bytes of JSON`,
    '',
    `    node bench/compression.js${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    `    load: npx autocannon -c 50 -p 1 -d ${options.duration} [-H 'accept-encoding: gzip|br'] http://127.0.0.1:PORT/catalogue`,
    '    off: the server has no compression configured; identity: it has, and the client accepts no encoding',
    '',
    "| encoding | target | median req/s | server CPU µs/request | bytes on the wire/response | others' CPU % |",
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const encoding of ENCODINGS) {
    for (const target of TARGETS) {
      const runs = samples.get(`${target.name} ${encoding.id}`);
      lines.push(
        `| ${encoding.id} | ${target.name} | ${Math.round(median(runs.map((r) => r.rps))).toLocaleString('en-US')} | ` +
          `${median(runs.map((r) => r.cpuMicrosPerRequest)).toFixed(0)} | ` +
          `${Math.round(median(runs.map((r) => r.bytes))).toLocaleString('en-US')} | ` +
          `${median(runs.map((r) => r.others)).toFixed(0)} |`,
      );
    }
  }
  lines.push(
    '',
    problems.size === 0 ? 'Every answer decoded back to the payload.' : `Problems:\n\n- ${[...problems].join('\n- ')}`,
  );
  const report = `${lines.join('\n')}\n`;
  console.log(report);
  if (options.write) fs.writeFileSync(path.join(BENCH_DIR, 'results', 'compression-latest.md'), report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
