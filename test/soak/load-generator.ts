// The soak's load: runs in a child process, keeps N requests in flight on keep-alive sockets until the deadline.
import { Agent, request } from 'node:http';
import { SOAK_MIX, type SoakRequest } from './soak-routes';

/** What the parent tells the load process. */
export interface LoadOrder {
  readonly url: string;
  readonly seconds: number;
  readonly concurrency: number;
}

/** What the load process reports back, every second and once at the end. */
export interface LoadReport {
  readonly kind: 'progress' | 'done';
  readonly sent: number;
  readonly byStatus: Record<string, number>;
  /** Answers whose status was not the one expected for the request, by `name: status`. */
  readonly unexpected: Record<string, number>;
  readonly networkErrors: Record<string, number>;
}

function sendOne(agent: Agent, base: URL, spec: SoakRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.method,
        path: spec.path,
        headers: spec.body === undefined ? {} : { 'content-type': 'application/json' },
        timeout: 10_000,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(spec.body);
  });
}

async function run(order: LoadOrder): Promise<void> {
  const base = new URL(order.url);
  const agent = new Agent({ keepAlive: true, maxSockets: order.concurrency });
  const deadline = Date.now() + order.seconds * 1000;
  let sent = 0;
  const byStatus: Record<string, number> = {};
  const unexpected: Record<string, number> = {};
  const networkErrors: Record<string, number> = {};
  const snapshot = (kind: LoadReport['kind']): LoadReport => ({ kind, sent, byStatus, unexpected, networkErrors });
  const progress = setInterval(() => process.send?.(snapshot('progress')), 1000);

  async function worker(offset: number): Promise<void> {
    for (let index = offset; Date.now() < deadline; index++) {
      const spec = SOAK_MIX[index % SOAK_MIX.length];
      sent++;
      try {
        const status = await sendOne(agent, base, spec);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (status !== spec.expected) {
          const key = `${spec.name}: ${status}`;
          unexpected[key] = (unexpected[key] ?? 0) + 1;
        }
      } catch (error) {
        const key = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
        networkErrors[key] = (networkErrors[key] ?? 0) + 1;
      }
    }
  }

  await Promise.all(Array.from({ length: order.concurrency }, (_, index) => worker(index)));
  clearInterval(progress);
  agent.destroy();
  process.send?.(snapshot('done'));
}

process.once('message', (order: LoadOrder) => {
  run(order).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      process.stderr.write(`load generator failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
});
