// A worker's side of serveCluster(): build the app, listen on the shared port, close it when told or signalled.
import type { App } from '../application/app';
import type { ListeningMessage } from './cluster-messages';
import { isShutdownMessage } from './cluster-messages';
import type { ClusterSettings } from './cluster-options';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Builds and serves one app. A failure to build or to listen exits with code 1 (the primary counts it as a crash).
 * SIGTERM, SIGINT or the primary's shutdown message run `app.close(signal)`: requests in flight finish,
 * WebSockets close with 1001; then the process exits 0.
 */
export async function runWorker(createApp: () => App | Promise<App>, settings: ClusterSettings): Promise<void> {
  let app: App;
  let url: string;
  try {
    app = await createApp();
    ({ url } = await app.listen(settings.port, settings.host));
  } catch (error) {
    settings.logger.error({ err: error, pid: process.pid }, 'A cluster worker failed to start');
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.close(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        settings.logger.error({ err: error, pid: process.pid }, 'A cluster worker failed to close its app');
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.once(signal, () => stop(signal));
  process.on('message', (message) => {
    if (isShutdownMessage(message)) stop(message.signal);
  });
  // The primary is gone (killed): nobody will tell this worker to stop, and it must not serve orphaned.
  process.once('disconnect', () => stop('SIGTERM'));
  const listening: ListeningMessage = { corbel: 'listening', url };
  process.send?.(listening);
}
