// Starts apps with gateways on ephemeral loopback ports and closes them after each test.
import { type App, type AppOptions, createApp, type ModuleImport } from '@corbel/core';
import { type WebSocketsOptions, webSockets } from '@corbel/ws';
import { TestClient, wsUrl } from './ws-client';

/**
 * createApp's options (providers, guards, interceptors, filters…) and webSockets' (gateways, maxPayload…);
 * `shutdownTimeoutMs` is the plugin's. The logger defaults to none.
 */
export interface WsAppOptions extends Omit<AppOptions, 'plugins' | 'shutdownTimeoutMs'>, WebSocketsOptions {
  /** A root @Module: the app is `createApp(module, …)`, which ignores `controllers`, `providers` and `imports`. */
  readonly module?: ModuleImport;
}

export interface RunningApp {
  readonly app: App;
  readonly url: string;
  /** Connects a client to `path` on this app, sending `headers` with the handshake. */
  connect(path: string, headers?: Record<string, string>): Promise<TestClient>;
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
    const { module, gateways, maxPayload, heartbeatMs, shutdownTimeoutMs, checkOrigin, ...rest } = options;
    const settings: AppOptions = {
      logger: false,
      ...rest,
      plugins: [webSockets({ gateways, maxPayload, heartbeatMs, shutdownTimeoutMs, checkOrigin })],
    };
    const app = module ? createApp(module, settings) : createApp(settings);
    apps.push(app);
    const { url } = await app.listen(0);
    return {
      app,
      url,
      connect: async (path, headers = {}) => {
        const client = await TestClient.connect(wsUrl(url, path), { headers });
        clients.push(client);
        return client;
      },
    };
  };
}
