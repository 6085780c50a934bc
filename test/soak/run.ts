// `npm run soak`: serves the mixed route set here, loads it from a forked process, and reports what held up.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LoadOrder, LoadReport } from './load-generator';
import { CountingLogger, createSoakApp } from './soak-routes';

interface Options {
  readonly seconds: number;
  readonly concurrency: number;
  readonly sockets: number;
  readonly warmupSeconds: number;
}

const MiB = 1024 * 1024;
/** The event-loop monitor's timer period; each sample is this period plus how late the timer fired. */
const SAMPLING_MS = 10;

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const index = argv.indexOf(flag);
    if (index === -1) return fallback;
    const parsed = Number(argv[index + 1]);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag} expects a positive number`);
    return parsed;
  };
  const seconds = value('--seconds', 60);
  return {
    seconds,
    concurrency: Math.floor(value('--concurrency', 64)),
    sockets: Math.floor(value('--sockets', 8)),
    warmupSeconds: value('--warmup', Math.min(10, Math.max(1, Math.round(seconds / 6)))),
  };
}

// A full collection before each memory sample, so garbage not yet collected does not read as growth.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** RSS, and the heap still reachable, after a full collection. */
interface MemorySample {
  readonly rss: number;
  /** RSS less V8's young generation: what the bar is applied to. */
  readonly netRss: number;
  readonly heapUsed: number;
  readonly youngGeneration: number;
}

// V8 doubles its young generation (16 → 32 MiB) once, at a moment that depends on the load: that is nursery
// capacity, emptied by every scavenge, not memory the app holds, so the bar leaves it out.
function youngGenerationSize(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

function settledMemory(): MemorySample {
  collectGarbage();
  const { rss, heapUsed } = process.memoryUsage();
  const youngGeneration = youngGenerationSize();
  return { rss, netRss: rss - youngGeneration, heapUsed, youngGeneration };
}

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

function sumOf(record: Record<string, number>): number {
  return Object.values(record).reduce((total, count) => total + count, 0);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const logger = new CountingLogger();
  const app = createSoakApp(logger);
  const { url } = await app.listen(0, '127.0.0.1');
  const servedByStatus: Record<string, number> = {};
  app.server?.on('request', (_request, response) => {
    response.on('finish', () => {
      servedByStatus[response.statusCode] = (servedByStatus[response.statusCode] ?? 0) + 1;
    });
  });

  const start = settledMemory();
  const rssStart = start.rss;
  const loopDelay = monitorEventLoopDelay({ resolution: SAMPLING_MS });
  loopDelay.enable();
  let warm = start;
  let rssPeak = rssStart;
  const startedAt = Date.now();
  console.log(
    `soak: ${options.seconds} s against ${url}, ${options.concurrency} requests in flight, ` +
      `${options.sockets} WebSocket echo loops, ` +
      `warm-up ${options.warmupSeconds} s; RSS at start ${mib(rssStart)}`,
  );

  const warmup = setTimeout(() => {
    warm = settledMemory();
    loopDelay.reset();
    console.log(`  warm-up done: RSS ${mib(warm.rss)}`);
  }, options.warmupSeconds * 1000);
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 250);

  const child = fork(join(__dirname, 'load-generator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const order: LoadOrder = {
    url,
    seconds: options.seconds,
    concurrency: options.concurrency,
    sockets: options.sockets,
  };
  child.send(order);
  let lastPrinted = 0;
  const report = await new Promise<LoadReport | undefined>((resolve) => {
    // Bounded: the load stops itself at the deadline; this is the backstop if it does not.
    const backstop = setTimeout(
      () => {
        child.kill('SIGKILL');
        resolve(undefined);
      },
      (options.seconds + 30) * 1000,
    );
    child.on('message', (message: LoadReport) => {
      if (message.kind === 'done') {
        clearTimeout(backstop);
        resolve(message);
        return;
      }
      const elapsed = Math.round((Date.now() - startedAt) / 1000);
      if (elapsed - lastPrinted >= 10) {
        lastPrinted = elapsed;
        console.log(`  ${elapsed} s: ${message.sent} requests sent, RSS ${mib(process.memoryUsage().rss)}`);
      }
    });
    child.on('exit', () => {
      clearTimeout(backstop);
      resolve(undefined);
    });
  });
  clearTimeout(warmup);
  clearInterval(sampler);
  loopDelay.disable();
  const elapsedSeconds = (Date.now() - startedAt) / 1000;
  const end = settledMemory();
  const rssEnd = end.rss;
  rssPeak = Math.max(rssPeak, rssEnd);
  await app.close();

  if (!report) {
    console.log('FAIL: the load generator did not report back');
    return 1;
  }
  const served = sumOf(servedByStatus);
  const rssAfterWarmup = warm.rss;
  const growth = (end.netRss - warm.netRss) / warm.netRss;
  const unexpected = sumOf(report.unexpected);
  const networkErrors = sumOf(report.networkErrors);
  const socketFailures = sumOf(report.socketFailures);
  const lateness = (nanoseconds: number) => `${Math.max(0, nanoseconds / 1e6 - SAMPLING_MS).toFixed(1)} ms`;
  const statuses = Object.entries(servedByStatus)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');

  console.log('');
  console.log(
    `requests served      ${served} in ${elapsedSeconds.toFixed(1)} s (${Math.round(served / elapsedSeconds)}/s)`,
  );
  console.log(`by status            ${statuses}`);
  console.log(`unexpected statuses  ${unexpected}${unexpected ? ` ${JSON.stringify(report.unexpected)}` : ''}`);
  console.log(
    `network errors       ${networkErrors}${networkErrors ? ` ${JSON.stringify(report.networkErrors)}` : ''}`,
  );
  console.log(
    `WebSocket echo       ${report.echoed} messages echoed (${Math.round(report.echoed / elapsedSeconds)}/s), ` +
      `${socketFailures} failures${socketFailures ? ` ${JSON.stringify(report.socketFailures)}` : ''}`,
  );
  console.log(`errors logged        ${logger.errors} (one per expected 500)`);
  console.log(
    `RSS                  start ${mib(rssStart)}, after warm-up ${mib(rssAfterWarmup)}, end ${mib(rssEnd)}, peak ${mib(rssPeak)}`,
  );
  console.log(
    `RSS less young gen.  after warm-up ${mib(warm.netRss)}, end ${mib(end.netRss)} ` +
      `(V8's young generation ${mib(warm.youngGeneration)} → ${mib(end.youngGeneration)})`,
  );
  console.log(`heap used after GC   after warm-up ${mib(warm.heapUsed)}, end ${mib(end.heapUsed)}`);
  console.log(
    `RSS growth           ${(growth * 100).toFixed(1)}% after warm-up, young generation aside (bar: under 10%)`,
  );
  console.log(
    `event-loop delay     p50 ${lateness(loopDelay.percentile(50))}, p99 ${lateness(loopDelay.percentile(99))}, ` +
      `max ${lateness(loopDelay.max)} (beyond the ${SAMPLING_MS} ms sampling timer)`,
  );

  const passed =
    growth < 0.1 && unexpected === 0 && networkErrors === 0 && socketFailures === 0 && served > 0 && report.echoed > 0;
  console.log(passed ? 'PASS' : 'FAIL');
  return passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
