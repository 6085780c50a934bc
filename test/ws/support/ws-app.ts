// Starts apps with gateways on ephemeral loopback ports and closes them after each test.
import { type App, type Constructor, createApp, type FilterReference, type Logger } from '@corbel/core';
import { webSockets } from '@corbel/ws';
import { TestClient, wsUrl } from './ws-client';

export interface WsAppOptions {
  readonly gateways: readonly Constructor[];
  readonly controllers?: readonly Constructor[];
  readonly filters?: readonly FilterReference[];
  readonly logger?: Logger | false;
  readonly maxPayload?: number;
  readonly heartbeatMs?: number;
  readonly shutdownTimeoutMs?: number;
}

export interface RunningApp {
  readonly app: App;
  readonly url: string;
  /** Connects a client to `path` on this app. */
  connect(path: string): Promise<TestClient>;
}

/**
 * Call inside a `describe`: returns a `start` function whose apps (and clients) are closed after each test.
 * @example const start = useWsApps(); const { connect } = await start({ gateways: [EchoGateway] });
 */
export function useWsApps(): (options: WsAppOptions) => Promise<RunningApp> {
  let apps: App[] = [];
  let clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients) client.socket.terminate();
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
    clients = [];
  });
  return async (options) => {
    const { gateways, maxPayload, heartbeatMs, shutdownTimeoutMs, ...rest } = options;
    const app = createApp({
      logger: false,
      ...rest,
      plugins: [webSockets({ gateways, maxPayload, heartbeatMs, shutdownTimeoutMs })],
    });
    apps.push(app);
    const { url } = await app.listen(0);
    return {
      app,
      url,
      connect: async (path) => {
        const client = await TestClient.connect(wsUrl(url, path));
        clients.push(client);
        return client;
      },
    };
  };
}
