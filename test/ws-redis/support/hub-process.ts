// Forks the compiled hub fixture as a separate Corbel process, talks to it over ws and HTTP, and always stops it.
import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import { TestClient } from '../../ws/support/ws-client';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'hub-node.js');
const READY_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** What the fixture's GET /stats answers. */
export interface NodeStats {
  readonly isConnected: boolean;
  readonly published: number;
  readonly dropped: number;
  readonly received: number;
}

/** One Corbel process serving the hub fixture with the Redis adapter. */
export class HubProcess {
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<number | null>;
  readonly #clients: TestClient[] = [];

  private constructor(child: ChildProcess, port: number, exited: Promise<number | null>) {
    this.#child = child;
    this.url = `http://127.0.0.1:${port}`;
    this.#exited = exited;
  }

  static async start(redisUrl: string): Promise<HubProcess> {
    const child = fork(FIXTURE, [], { env: { ...process.env, REDIS_URL: redisUrl }, stdio: 'pipe' });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
      if (process.env.HUB_DEBUG) process.stderr.write(`[hub ${child.pid}] ${chunk}`);
    });
    child.stdout?.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        running.delete(child);
        resolve(code);
      }),
    );
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`hub fixture not ready in ${READY_TIMEOUT_MS} ms\n${stderr}`)),
        READY_TIMEOUT_MS,
      );
      child.on('message', (message: { type?: string; port?: number }) => {
        if (message?.type !== 'ready') return;
        clearTimeout(timer);
        resolve(Number(message.port));
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`hub fixture exited with ${code} before it was ready\n${stderr}`));
      });
    });
    return new HubProcess(child, port, exited);
  }

  get isAlive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async connect(): Promise<TestClient> {
    const client = await TestClient.connect(`${this.url.replace(/^http/, 'ws')}/chat`);
    this.#clients.push(client);
    return client;
  }

  async stats(): Promise<NodeStats> {
    return (await (await fetch(`${this.url}/stats`)).json()) as NodeStats;
  }

  /** SIGTERM (the fixture closes its app), then SIGKILL if it lingers; resolves with the exit code. */
  async stop(): Promise<number | null> {
    for (const client of this.#clients) client.socket.terminate();
    if (this.isAlive) this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    const code = await this.#exited;
    clearTimeout(timer);
    return code;
  }
}

/** Joins `room` through the fixture's gateway and waits for the answer. */
export async function joinRoom(client: TestClient, room: string): Promise<void> {
  await client.emit('join', room);
  const reply = (await client.nextJson()) as { event: string };
  if (reply.event !== 'join') throw new Error(`expected the join answer, got ${JSON.stringify(reply)}`);
}
