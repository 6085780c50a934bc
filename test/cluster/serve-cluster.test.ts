// serveCluster: 2 workers on one port serve HTTP and WebSockets; a killed worker is restarted; SIGTERM drains both.
import { type ChildProcess, fork } from 'node:child_process';
import { request } from 'node:http';
import * as path from 'node:path';
import { CorbelError, serveCluster } from '@corbel/core';
import { expect } from 'chai';
import { TestClient } from '../ws/support/ws-client';
import { freePort } from '../ws-redis/support/redis-server';

const FIXTURE = path.join(__dirname, 'fixtures', 'cluster-app.js');

/** GET on a fresh connection (no keep-alive), so the primary hands each request to the next worker. */
function get(port: number, pathname: string): Promise<{ status: number; body: { pid: number; waited?: number } }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: pathname, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    // A connection handed to the worker being killed never answers: give up on it and ask again.
    outgoing.setTimeout(1_000, () => outgoing.destroy(new Error('no answer in 1 s')));
    outgoing.end();
  });
}

async function distinctPids(
  port: number,
  wanted: number,
  exclude: ReadonlySet<number> = new Set(),
): Promise<Set<number>> {
  const pids = new Set<number>();
  const deadline = Date.now() + 8_000;
  while (pids.size < wanted) {
    if (Date.now() > deadline) throw new Error(`saw only pids ${[...pids].join(', ')}`);
    const { body } = await get(port, '/pid').catch(() => ({ body: { pid: 0 } }));
    if (body.pid !== 0 && !exclude.has(body.pid)) pids.add(body.pid);
  }
  return pids;
}

describe('serveCluster', function () {
  this.timeout(20_000);
  let primary: ChildProcess | undefined;
  const clients: TestClient[] = [];

  afterEach(() => {
    for (const client of clients.splice(0)) client.socket.terminate();
    if (primary && primary.exitCode === null && primary.signalCode === null) primary.kill('SIGKILL');
    primary = undefined;
  });

  it('2 workers serve HTTP and WebSockets on one port; a killed worker is restarted; SIGTERM drains both', async () => {
    const port = await freePort();
    const child = fork(FIXTURE, [], { env: { ...process.env, PORT: String(port) }, stdio: 'pipe' });
    primary = child;
    child.stdout?.resume();
    child.stderr?.resume();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.on('message', (message: { type?: string }) => {
        if (message?.type === 'ready') resolve();
      });
      void exited.then((code) => reject(new Error(`the cluster exited with ${code} before it was ready`)));
    });
    // 1. both workers answer HTTP on the one port.
    const workers = await distinctPids(port, 2);
    // 2. both serve WebSockets: connect until a client sits on each.
    const byPid = new Map<number, TestClient>();
    for (let attempt = 0; byPid.size < 2 && attempt < 20; attempt++) {
      const client = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
      clients.push(client);
      const { pid } = (await client.nextJson()) as { pid: number };
      if (!byPid.has(pid)) byPid.set(pid, client);
    }
    expect([...byPid.keys()].sort()).to.deep.equal([...workers].sort());
    // 3. kill one worker's process: its socket drops, and a new worker takes its place.
    const [killed, survivor] = [...workers];
    process.kill(killed, 'SIGKILL');
    expect((await byPid.get(killed)?.waitClosed())?.code).to.equal(1006);
    const [replacement] = await distinctPids(port, 1, new Set([killed, survivor]));
    expect(replacement).to.not.equal(killed);
    expect(byPid.get(survivor)?.socket.readyState).to.equal(1);
    // 4. SIGTERM to the primary drains both: the request in flight finishes, sockets close with 1001, exit 0.
    const inFlight = get(port, '/slow?ms=300');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const survivorClosed = byPid.get(survivor)?.waitClosed(5_000);
    child.kill('SIGTERM');
    expect(await inFlight).to.deep.include({ status: 200 });
    expect(await survivorClosed).to.deep.equal({ code: 1001, reason: 'Server shutting down' });
    expect(await exited).to.equal(0);
  });

  it('gives up after restart.maxCrashes crashes in a row, logging why, and exits with code 1', async () => {
    const port = await freePort();
    const child = fork(path.join(__dirname, 'fixtures', 'crashing-app.js'), [], {
      env: { ...process.env, PORT: String(port) },
      stdio: 'pipe',
    });
    primary = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.resume();
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).to.equal(1);
    expect(stderr.match(/A cluster worker failed to start/g)).to.have.length(3);
    expect(stderr).to.contain('Cluster worker crashed 3 times within 60000 ms; giving up and stopping the cluster');
  });

  it('clusterAdapter() carries room messages between the workers through the primary', async () => {
    const port = await freePort();
    const child = fork(path.join(__dirname, 'fixtures', 'cluster-rooms-app.js'), [], {
      env: { ...process.env, PORT: String(port) },
      stdio: 'pipe',
    });
    primary = child;
    child.stdout?.resume();
    child.stderr?.resume();
    await new Promise<void>((resolve) => {
      child.on('message', (message: { type?: string }) => {
        if (message?.type === 'ready') resolve();
      });
    });
    // 1. a client on each worker, both in the lobby.
    const byPid = new Map<number, TestClient>();
    for (let attempt = 0; byPid.size < 2 && attempt < 20; attempt++) {
      const client = await TestClient.connect(`ws://127.0.0.1:${port}/chat`);
      clients.push(client);
      const { data: pid } = (await client.nextJson()) as { data: number };
      if (!byPid.has(pid)) byPid.set(pid, client);
    }
    const [[firstPid, first], [, second]] = [...byPid];
    // 2. what one worker sends to the room reaches the other worker's member.
    await first.emit('say', 'across workers');
    expect(await second.nextJson()).to.deep.equal({ event: 'said', data: { text: 'across workers', from: firstPid } });
    child.kill('SIGTERM');
  });

  it('refuses options it would not understand with CORBEL_ERR_INVALID_CLUSTER, naming them', () => {
    const app = () => {
      throw new Error('never built: the options are refused first');
    };
    expect(() => serveCluster(app, { workers: 0 }))
      .to.throw(CorbelError, 'expected workers to be an integer from 1 to 1024, got 0')
      .with.property('code', 'CORBEL_ERR_INVALID_CLUSTER');
    expect(() => serveCluster(app, { port: 3000, threads: 2 } as never))
      .to.throw(CorbelError, 'unknown option(s) threads')
      .with.property('code', 'CORBEL_ERR_INVALID_CLUSTER');
    expect(() => serveCluster('app' as never)).to.throw(
      CorbelError,
      'expected a function returning an App, got string',
    );
  });
});
