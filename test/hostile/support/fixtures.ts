// Controllers and a DTO shared by the hostile suites, and a helper that serves an app on loopback.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type App, Controller, Get } from '@corbel/core';
import { IsInt, IsString, Min } from 'class-validator';

/** `GET /health` → 200 `{"status":"ok"}`: the "normal request" every guarded test ends with. */
@Controller()
export class HealthController {
  @Get('/health')
  health() {
    return { status: 'ok' };
  }
}

/** A small DTO: a name and a non-negative integer quantity. */
export class ItemDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  quantity!: number;
}

/** A listening app and its base URL. */
export interface Served {
  readonly app: App;
  readonly url: string;
}

/**
 * Starts `app` on an ephemeral loopback port.
 * @example const { url } = await serve(createApp({ controllers: [HealthController], logger: false }));
 */
export async function serve(app: App): Promise<Served> {
  const { url } = await app.listen(0, '127.0.0.1');
  return { app, url };
}

/**
 * Resolves after `ms` milliseconds (bounded waits only).
 * @example await delay(20);
 */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `condition` every 5 ms until it holds or `timeoutMs` passes; resolves with whether it held.
 * @example expect(await waitFor(() => calls === 1)).to.equal(true);
 */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await delay(5);
  }
  return true;
}

// --expose-gc set at run time still gives new contexts a `gc`: a settled memory reading without a CLI flag.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Heap and off-heap (Buffer) bytes still reachable after a full collection: what the process actually holds.
 * @example const before = retainedBytes(); ...; expect(retainedBytes() - before).to.be.below(8 * 1024 * 1024);
 */
export function retainedBytes(): number {
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}
