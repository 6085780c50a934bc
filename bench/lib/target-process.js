// Starts one target server as a forked child, times its cold start, probes CPU/RSS over IPC, and stops it for sure.

const { fork } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { raceDeadline, TIMED_OUT } = require('./deadline.js');
const { sendRequest } = require('./http-request.js');

const READY_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 3_000;
const POLL_INTERVAL_MS = 5;
const STDERR_KEEP_CHARS = 4_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running target: the child process plus the IPC probe that reads its CPU time and RSS. */
class TargetProcess {
  #child;
  #stderr = '';
  #nextProbeId = 0;
  #probes = new Map();
  #exited;

  constructor(child) {
    this.#child = child;
    child.stdout.resume();
    child.stderr.on('data', (chunk) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-STDERR_KEEP_CHARS);
    });
    child.on('message', (message) => this.#settleProbe(message));
    this.#exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The last few KB the target wrote to stderr, for error messages. */
  get stderr() {
    return this.#stderr;
  }

  /** Resolves once the child exits, with its code and signal. */
  get exited() {
    return this.#exited;
  }

  /**
   * The target's own `process.cpuUsage()` (user + system, µs; the kernel's share alone as systemMicros), RSS and
   * heap + external (bytes), and on Linux its write system calls so far (writeCalls), read through IPC;
   * `{ gc: true }` collects garbage first (the target needs --expose-gc).
   */
  probe({ gc = false } = {}) {
    const id = this.#nextProbeId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#probes.delete(id);
        reject(new Error(`target did not answer probe ${id} in ${PROBE_TIMEOUT_MS} ms`));
      }, PROBE_TIMEOUT_MS);
      this.#probes.set(id, (reply) => {
        clearTimeout(timer);
        resolve({
          cpuMicros: reply.cpuMicros,
          systemMicros: reply.systemMicros,
          rss: reply.rss,
          heapUsed: reply.heapUsed,
          writeCalls: reply.writeCalls,
        });
      });
      this.#child.send({ type: 'probe', id, gc });
    });
  }

  /** SIGTERM, then SIGKILL if the target is still alive after a grace period. */
  async stop() {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGTERM');
    if ((await raceDeadline(this.#exited, STOP_GRACE_MS)) === TIMED_OUT) {
      this.#child.kill('SIGKILL');
      await this.#exited;
    }
  }

  #settleProbe(message) {
    if (message === null || typeof message !== 'object' || message.type !== 'probe') return;
    const settle = this.#probes.get(message.id);
    this.#probes.delete(message.id);
    settle?.(message);
  }
}

function waitForReady(child, target) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${target.name} did not report ready in ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onMessage = (message) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(message.port);
    };
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${target.name} exited (code ${code}, signal ${signal}) before it was ready`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

// Polls until the first 200, bounded by the same deadline as readiness; connection refusals are expected meanwhile.
async function pollFirstOk(port, path, startedAt, isAlive) {
  const deadline = startedAt + READY_TIMEOUT_MS;
  while (performance.now() < deadline && isAlive()) {
    try {
      const response = await sendRequest({ port, method: 'GET', path, timeoutMs: 1000 });
      if (response.status === 200) return performance.now() - startedAt;
    } catch {
      // Not listening yet.
    }
    await sleep(POLL_INTERVAL_MS);
  }
  return Number.NaN;
}

/**
 * Forks `target.script` with NODE_ENV=production on `port` and resolves once it reported ready.
 * With `coldStartPath`, also measures spawn → first 200 on that path (`coldStartMs`, NaN if it never came).
 */
async function startTarget(target, { port, env = {}, execArgv = [], coldStartPath }) {
  const startedAt = performance.now();
  const child = fork(target.scriptPath, [], {
    env: { ...process.env, ...env, NODE_ENV: 'production', PORT: String(port) },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const targetProcess = new TargetProcess(child);
  const isAlive = () => child.exitCode === null && child.signalCode === null;
  try {
    const [readyPort, coldStartMs] = await Promise.all([
      waitForReady(child, target),
      coldStartPath === undefined ? Number.NaN : pollFirstOk(port, coldStartPath, startedAt, isAlive),
    ]);
    return { targetProcess, port: readyPort, coldStartMs };
  } catch (error) {
    await targetProcess.stop();
    const stderr = targetProcess.stderr.trim();
    throw new Error(`${error.message}${stderr ? `\n--- stderr of ${target.name} ---\n${stderr}` : ''}`);
  }
}

module.exports = { startTarget };
