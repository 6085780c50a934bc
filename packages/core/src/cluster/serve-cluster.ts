// serveCluster(): one app per CPU on one port, on node:cluster, with crash restarts and a draining shutdown.
import cluster from 'node:cluster';
import type { App } from '../application/app';
import { CorbelError } from '../errors/corbel-error';
import { type ClusterOptions, readClusterOptions } from './cluster-options';
import { runPrimary } from './cluster-primary';
import { runWorker } from './cluster-worker';

/**
 * Serves `createApp()` from several processes on one port. Call it from your entry script: in the primary it forks
 * `workers` copies of the script (`createApp` runs only in them), restarts a crashed worker with exponential
 * backoff and gives up (logging, exit code 1) after `restart.maxCrashes` crashes within `restart.windowMs`. SIGTERM
 * or SIGINT to the primary is forwarded: each worker runs `app.close(signal)` (in-flight requests finish,
 * WebSockets close with 1001), and the primary exits 0 once all have stopped. Resolves once every worker listened
 * (in the primary), or once this worker's app listens (in a worker). Rooms span workers only through an adapter:
 * `clusterAdapter()` from `@corbel/ws` (a worker's `{ corbel: 'relay', topic, data }` message is forwarded by the
 * primary to every other worker), or `redisAdapter()` from `@corbel/ws-redis` across machines.
 * @example
 * // main.ts
 * void serveCluster(() => createApp({ controllers: [UsersController] }), { workers: 2, port: 3000 });
 */
export function serveCluster(createApp: () => App | Promise<App>, options: ClusterOptions = {}): Promise<void> {
  if (typeof createApp !== 'function') {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_CLUSTER',
      `serveCluster(createApp): expected a function returning an App, got ${typeof createApp}`,
    );
  }
  const settings = readClusterOptions(options);
  return cluster.isPrimary ? runPrimary(settings) : runWorker(createApp, settings);
}
