// Starts HTTP apps on ephemeral loopback ports inside a describe, and closes them after each test.
import { type App, type AppOptions, createApp } from '@corbel/core';

/**
 * Call inside a `describe`: `start(options)` creates and listens (logger off unless given); every app started in
 * a test is closed after it.
 * @example const start = useApps(); const { url } = await start({ controllers: [Items], cors: true });
 */
export function useApps(): (options: AppOptions) => Promise<{ app: App; url: string }> {
  let apps: App[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });
  return async (options) => {
    const app = createApp({ logger: false, ...options });
    apps.push(app);
    const { url } = await app.listen(0);
    return { app, url };
  };
}
