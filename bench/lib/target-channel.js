// The target side of the runner protocol: where to listen, how many routes to pad, and the IPC probes for CPU and RSS.

const fs = require('node:fs');

/** Port from PORT, else the first CLI argument, else 0 (the OS picks one). */
function resolvePort() {
  return Number(process.env.PORT ?? process.argv[2] ?? 0);
}

/** Total routes the target should register for the route-count scaling suite; 0 means "just the scenario routes". */
function resolveRouteCount() {
  return Number(process.env.BENCH_ROUTES ?? 0);
}

/**
 * Says the server is listening: on stdout for a person running the target by hand, over IPC for the runner.
 * Also starts answering probes, so the runner can read CPU time and RSS without touching the target's routing.
 */
function announceReady(port) {
  console.log(`listening on 127.0.0.1:${port}`);
  if (typeof process.send !== 'function') return;
  process.on('message', answerProbe);
  // Exit through process.exit so that --cpu-prof, when profile.js sets it, gets to write its profile.
  process.once('SIGTERM', () => process.exit(0));
  // A runner that crashed must not leave servers behind on the machine.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port });
}

// Linux counts each process's write-family system calls (write, writev) in /proc/self/io; elsewhere: undefined.
function writeSystemCalls() {
  try {
    const match = /^syscw: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function answerProbe(message) {
  if (message === null || typeof message !== 'object' || message.type !== 'probe') return;
  // The memory cells ask for a full collection first (targets started with --expose-gc), so garbage is not counted.
  if (message.gc === true && typeof global.gc === 'function') global.gc();
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  process.send({
    type: 'probe',
    id: message.id,
    cpuMicros: cpu.user + cpu.system,
    systemMicros: cpu.system,
    writeCalls: writeSystemCalls(),
    rss: memory.rss,
    heapUsed: memory.heapUsed + memory.external,
  });
}

module.exports = { resolvePort, resolveRouteCount, announceReady };
