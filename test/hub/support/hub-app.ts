// Starts apps with webSockets() (adapter and queue limit included) on ephemeral ports; closes them after each test.
import { type App, type AppOptions, createApp } from '@corbel/core';
import { type WebSocketsOptions, webSockets } from '@corbel/ws';
import { TestClient, wsUrl } from '../../ws/support/ws-client';

export interface HubApp {
  readonly app: App;
  readonly url: string;
  connect(path: string): Promise<TestClient>;
}

/**
 * Call inside a `describe`; the returned `start` builds `createApp({ ...app, plugins: [webSockets(ws)] })`.
 * @example const start = useHubApps(); const { connect } = await start({ gateways: [ChatGateway] });
 */
export function useHubApps(): (ws: WebSocketsOptions, app?: Omit<AppOptions, 'plugins'>) => Promise<HubApp> {
  let apps: App[] = [];
  let clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients) client.socket.terminate();
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
    clients = [];
  });
  return async (ws, options = {}) => {
    const app = createApp({ logger: false, ...options, plugins: [webSockets(ws)] });
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
