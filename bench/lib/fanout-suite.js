// The fan-out cell: 2 server processes sharing one Redis, N clients split across them in one room, one publisher
// keeping a few messages in flight; delivered messages per second and delivery latency, Corbel vs socket.io.

const { spawn } = require('node:child_process');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { io: connectSocketIo } = require('socket.io-client');
const WebSocket = require('ws');
const { findFreePort } = require('./free-port.js');
const { startLoadWindow } = require('./machine-load.js');
const { BENCH_DIR } = require('./targets.js');
const { startTarget } = require('./target-process.js');

const DEFAULT_WINDOW = 4;
const DURATION_MS = 5_000;
const WARMUP_MS = 1_000;
const CONNECT_BATCH = 100;

const TARGETS = [
  {
    name: 'corbel',
    script: 'dist/corbel-ws-fanout.js',
    connect: (port, isPublisher) => connectWs(port, isPublisher),
  },
  {
    name: 'socket.io',
    script: 'targets/socketio-fanout.js',
    connect: (port, isPublisher) => connectIo(port, isPublisher),
  },
];

/** A client as the cell drives it: `onTick(data)` for each delivery, `publish(data)` for the publisher. */
function connectWs(port, isPublisher) {
  return new Promise((resolve, reject) => {
    const query = isPublisher ? '?role=publisher' : '';
    const socket = new WebSocket(`ws://127.0.0.1:${port}/fanout${query}`, { perMessageDeflate: false });
    const client = {
      onTick: () => {},
      publish: (data) => socket.send(JSON.stringify({ event: 'publish', data })),
      close: () => socket.terminate(),
    };
    socket.on('message', (raw) => client.onTick(JSON.parse(raw.toString()).data));
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

function connectIo(port, isPublisher) {
  return new Promise((resolve, reject) => {
    const socket = connectSocketIo(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      query: isPublisher ? { role: 'publisher' } : {},
      reconnection: false,
    });
    const client = {
      onTick: () => {},
      publish: (data) => socket.emit('publish', data),
      close: () => socket.disconnect(),
    };
    socket.on('tick', (data) => client.onTick(data));
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
}

async function startRedis() {
  const port = await findFreePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) resolve();
    });
  });
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** One measured run against two fresh processes of `target`. */
async function runOnce(target, redisUrl, clientCount, durationMs, window) {
  const spec = { name: target.name, scriptPath: path.join(BENCH_DIR, target.script) };
  const servers = [];
  const clients = [];
  try {
    for (let index = 0; index < 2; index++) {
      const port = await findFreePort();
      servers.push({ port, ...(await startTarget(spec, { port, env: { REDIS_URL: redisUrl } })) });
    }
    for (let start = 0; start < clientCount; start += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, clientCount - start) }, (_, offset) =>
        target.connect(servers[(start + offset) % 2].port, false),
      );
      clients.push(...(await Promise.all(batch)));
    }
    const publisher = await target.connect(servers[0].port, true);
    clients.push(publisher);
    // Subscriptions reach Redis asynchronously: let them settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return await measure(clients.slice(0, clientCount), publisher, servers, durationMs, window);
  } finally {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.targetProcess.stop()));
  }
}

function measure(receivers, publisher, servers, durationMs, window) {
  return new Promise((resolve) => {
    const latencies = [];
    const remaining = new Map();
    let sequence = 0;
    let deliveries = 0;
    let measuring = false;
    let finished = false;
    let startedAt = 0;
    let cpuBefore;
    let runnerCpuBefore;
    let loadWindow;
    const send = () => {
      const id = sequence++;
      remaining.set(id, receivers.length);
      publisher.publish({ id, sentAt: performance.now() });
    };
    const onTick = (data) => {
      const now = performance.now();
      if (measuring && !finished) {
        deliveries++;
        latencies.push(now - data.sentAt);
      }
      const left = remaining.get(data.id) - 1;
      if (left > 0) {
        remaining.set(data.id, left);
        return;
      }
      remaining.delete(data.id);
      if (!finished) send();
    };
    for (const receiver of receivers) receiver.onTick = onTick;
    for (let index = 0; index < window; index++) send();
    setTimeout(async () => {
      cpuBefore = await Promise.all(servers.map((server) => server.targetProcess.probe()));
      loadWindow = startLoadWindow();
      runnerCpuBefore = process.cpuUsage();
      measuring = true;
      startedAt = performance.now();
      setTimeout(async () => {
        finished = true;
        const runnerCpu = process.cpuUsage(runnerCpuBefore);
        const elapsedSeconds = (performance.now() - startedAt) / 1000;
        const cpuAfter = await Promise.all(servers.map((server) => server.targetProcess.probe()));
        const spent = (field) =>
          cpuAfter.reduce((sum, probe, index) => sum + probe[field] - cpuBefore[index][field], 0);
        const serverCpu = spent('cpuMicros');
        latencies.sort((a, b) => a - b);
        resolve({
          deliveriesPerSecond: deliveries / elapsedSeconds,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          serverCpuMicrosPerDelivery: serverCpu / Math.max(1, deliveries),
          serverSystemMicrosPerDelivery: spent('systemMicros') / Math.max(1, deliveries),
          // One write per socket per delivery means no batching: the kernel's cost is then the same for every target.
          serverWritesPerDelivery: spent('writeCalls') / Math.max(1, deliveries),
          // The clients live in this process: when it is the busiest, it sets the pace for both targets.
          runnerCpuMicrosPerDelivery: (runnerCpu.user + runnerCpu.system) / Math.max(1, deliveries),
          othersCpuPercent: loadWindow.finish(serverCpu),
        });
      }, durationMs);
    }, WARMUP_MS);
  });
}

/** Rows of the report: each target's median over `options.rounds` interleaved rounds. */
async function runFanout(options, log) {
  const redis = await startRedis();
  const results = new Map(TARGETS.map((target) => [target.name, []]));
  const window = options.window ?? DEFAULT_WINDOW;
  try {
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
      for (const target of order) {
        const result = await runOnce(target, redis.url, options.fanoutClients ?? 1000, DURATION_MS, window);
        results.get(target.name).push(result);
        log(
          `  fan-out ${target.name}: ${Math.round(result.deliveriesPerSecond)} deliveries/s, ` +
            `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, others' CPU ${result.othersCpuPercent.toFixed(0)} %`,
        );
      }
    }
  } finally {
    redis.stop();
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const of = (name, metric) => median(results.get(name).map((row) => row[metric]));
  const lines = [
    `## Fan-out (2 server processes, one Redis, ${options.fanoutClients ?? 1000} clients in one room, one publisher ` +
      `with ${window} messages in flight, ${DURATION_MS / 1000} s per run, ${options.rounds} rounds, medians)`,
    '',
    '| target | deliveries/s | × socket.io | p50 latency | p99 latency | server CPU per delivery (of it kernel) | ' +
      "server writes per delivery | clients' CPU per delivery | others' CPU |",
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const base = of('socket.io', 'deliveriesPerSecond');
  for (const target of TARGETS) {
    lines.push(
      `| ${target.name} | ${Math.round(of(target.name, 'deliveriesPerSecond'))} | ` +
        `${(of(target.name, 'deliveriesPerSecond') / base).toFixed(2)}× | ${of(target.name, 'p50').toFixed(1)} ms | ` +
        `${of(target.name, 'p99').toFixed(1)} ms | ${of(target.name, 'serverCpuMicrosPerDelivery').toFixed(1)} µs ` +
        `(${of(target.name, 'serverSystemMicrosPerDelivery').toFixed(1)} µs) | ` +
        `${of(target.name, 'serverWritesPerDelivery').toFixed(2)} | ` +
        `${of(target.name, 'runnerCpuMicrosPerDelivery').toFixed(1)} µs | ` +
        `${of(target.name, 'othersCpuPercent').toFixed(0)} % |`,
    );
  }
  return lines;
}

module.exports = { runFanout };
