// `npm start`: serves the samples on http://127.0.0.1:3000 (PORT and HOST override) and prints what it serves.
import { describeGateways } from '@corbel/ws';
import { createSampleApp } from './app';

async function main(): Promise<void> {
  const app = createSampleApp();
  const { url } = await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
  process.stdout.write(`Corbel samples listening on ${url}\n`);
  for (const { method, path, handler } of app.routes())
    process.stdout.write(`  ${method.padEnd(7)} ${path}  → ${handler}\n`);
  for (const { path, gateway, handlers } of describeGateways(app)) {
    const events = handlers.length === 0 ? 'receive loop' : handlers.map(({ event }) => event).join(', ');
    process.stdout.write(`  ${'WS'.padEnd(7)} ${path}  → ${gateway.name} (${events})\n`);
  }
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
