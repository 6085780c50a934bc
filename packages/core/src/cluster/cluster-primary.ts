// The primary's side of serveCluster(): fork the workers, restart crashed ones with backoff, drain on a signal.
import cluster, { type Worker } from 'node:cluster';
import { isListeningMessage, isRelayMessage, type ShutdownMessage } from './cluster-messages';
import type { ClusterSettings } from './cluster-options';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** Supervises the workers until a signal (exit 0 once all stopped) or too many crashes (exit 1). */
class ClusterPrimary {
  readonly #settings: ClusterSettings;
  readonly #crashes: number[] = [];
  readonly #stopping = new Set<Worker>();
  #isDraining = false;
  #announced = 0;
  #onFirstReady: () => void = () => {};
  readonly ready: Promise<void>;

  constructor(settings: ClusterSettings) {
    this.#settings = settings;
    this.ready = new Promise((resolve) => {
      this.#onFirstReady = resolve;
    });
  }

  start(): void {
    for (const signal of SIGNALS) process.once(signal, () => this.#drain(signal, 0));
    cluster.on('exit', (worker, code, signal) => this.#onExit(worker, code, signal));
    for (let index = 0; index < this.#settings.workers; index++) this.#fork();
  }

  #fork(): void {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (isRelayMessage(message)) {
        this.#relay(worker, message);
        return;
      }
      if (!isListeningMessage(message)) return;
      this.#settings.logger.info({ pid: worker.process.pid, url: message.url }, 'Cluster worker listening');
      if (++this.#announced === this.#settings.workers) this.#onFirstReady();
    });
  }

  /** Forwards a worker's relay message to every other connected worker; one that cannot take it misses it. */
  #relay(sender: Worker, message: unknown): void {
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker || worker === sender || !worker.isConnected()) continue;
      try {
        worker.send(message as object);
      } catch (error) {
        this.#settings.logger.debug({ err: error, pid: worker.process.pid }, 'Relaying to a cluster worker failed');
      }
    }
  }

  #onExit(worker: Worker, code: number | null, signal: string | null): void {
    if (this.#isDraining) {
      this.#stopping.delete(worker);
      if (Object.keys(cluster.workers ?? {}).length === 0) this.#exit();
      return;
    }
    const { logger, initialDelayMs, maxDelayMs, maxCrashes, windowMs } = this.#settings;
    const now = Date.now();
    this.#crashes.push(now);
    while (this.#crashes.length > 0 && now - this.#crashes[0] > windowMs) this.#crashes.shift();
    const recent = this.#crashes.length;
    if (recent >= maxCrashes) {
      logger.error(
        { pid: worker.process.pid, code, signal, crashes: recent, windowMs },
        `Cluster worker crashed ${recent} times within ${windowMs} ms; giving up and stopping the cluster`,
      );
      this.#drain('SIGTERM', 1);
      return;
    }
    const delay = Math.min(initialDelayMs * 2 ** (recent - 1), maxDelayMs);
    logger.error(
      { pid: worker.process.pid, code, signal, restartInMs: delay },
      'Cluster worker crashed; restarting it',
    );
    // Not unref'd: with its only worker gone, this timer is what keeps the primary alive until the restart.
    setTimeout(() => {
      if (!this.#isDraining) this.#fork();
    }, delay);
  }

  /** Every worker closes its app; the primary exits once all have stopped (or were killed after the timeout). */
  #drain(signal: string, exitCode: number): void {
    if (this.#isDraining) return;
    this.#isDraining = true;
    process.exitCode = exitCode;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (workers.length === 0) {
      this.#exit();
      return;
    }
    const message: ShutdownMessage = { corbel: 'shutdown', signal };
    for (const worker of workers) {
      this.#stopping.add(worker);
      try {
        worker.send(message);
      } catch {
        worker.process.kill('SIGTERM');
      }
    }
    setTimeout(() => {
      for (const worker of this.#stopping) worker.process.kill('SIGKILL');
    }, this.#settings.shutdownTimeoutMs).unref();
  }

  #exit(): void {
    this.#settings.logger.info({ exitCode: process.exitCode }, 'Cluster stopped');
    process.exit();
  }
}

/** Forks the workers; resolves once each has listened once. */
export function runPrimary(settings: ClusterSettings): Promise<void> {
  const primary = new ClusterPrimary(settings);
  primary.start();
  return primary.ready;
}
