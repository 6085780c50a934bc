// The soak's load: runs in a child process, keeps N requests in flight on keep-alive sockets until the deadline.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { SOAK_ECHO_PATH, SOAK_MIX, type SoakRequest } from './soak-routes';

/** What the parent tells the load process. */
export interface LoadOrder {
  readonly url: string;
  readonly seconds: number;
  readonly concurrency: number;
  /** WebSocket clients running an echo loop next to the HTTP load. */
  readonly sockets: number;
}

/** What the load process reports back, every second and once at the end. */
export interface LoadReport {
  readonly kind: 'progress' | 'done';
  readonly sent: number;
  readonly byStatus: Record<string, number>;
  /** Answers whose status was not the one expected for the request, by `name: status`. */
  readonly unexpected: Record<string, number>;
  readonly networkErrors: Record<string, number>;
  /** WebSocket messages sent and echoed back intact. */
  readonly echoed: number;
  /** WebSocket connections that ended before the deadline, by close code, or failed to open. */
  readonly socketFailures: Record<string, number>;
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
  let echoed = 0;
  const socketFailures: Record<string, number> = {};
  const snapshot = (kind: LoadReport['kind']): LoadReport => ({
    kind,
    sent,
    byStatus,
    unexpected,
    networkErrors,
    echoed,
    socketFailures,
  });
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

  // One socket, one message in flight: send, wait for the same text back, repeat until the deadline.
  async function echoLoop(id: number): Promise<void> {
    const fail = (key: string) => {
      socketFailures[key] = (socketFailures[key] ?? 0) + 1;
    };
    const socket = new WebSocket(`ws://${base.host}${SOAK_ECHO_PATH}`);
    await new Promise<void>((resolve) => {
      let count = 0;
      let expected = '';
      const next = () => {
        if (Date.now() >= deadline) {
          socket.close(1000, 'done');
          return;
        }
        expected = `socket ${id} message ${count++}`;
        socket.send(expected);
      };
      socket.on('open', next);
      socket.on('message', (data) => {
        if (String(data) === expected) echoed++;
        else fail('wrong echo');
        next();
      });
      socket.on('error', (error) => fail(error.message));
      socket.on('close', (code) => {
        if (Date.now() < deadline) fail(`closed early with ${code}`);
        resolve();
      });
    });
  }

  await Promise.all([
    ...Array.from({ length: order.concurrency }, (_, index) => worker(index)),
    ...Array.from({ length: order.sockets }, (_, index) => echoLoop(index)),
  ]);
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
