// Fails any test during which the process reported an unhandled rejection or an uncaught exception.
import { expect } from 'chai';
import { send } from '../../support/http-client';

/** One process-level failure seen while a test ran. */
export interface ProcessFault {
  readonly event: 'unhandledRejection' | 'uncaughtException';
  readonly error: unknown;
}

/** Checks, after each test, that the server under test still answers a normal request. */
export type ServingCheck = () => Promise<void>;

function describeFault(fault: ProcessFault): string {
  const { error } = fault;
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${fault.event}: ${text}`;
}

// Rejections are reported after the microtask queue drains; two turns of the loop let late ones surface.
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Call inside a `describe`: every test in it fails if the process emitted `unhandledRejection` or
 * `uncaughtException` while it ran, or if `stillServing` (when given) rejects afterwards.
 * @example
 * describe('hostile bodies', () => {
 *   guardProcess(() => expectServing(baseUrl));
 *   it('answers 400 to malformed JSON', async () => { ... });
 * });
 */
export function guardProcess(stillServing?: ServingCheck): void {
  let faults: ProcessFault[] = [];
  const onRejection = (error: unknown) => faults.push({ event: 'unhandledRejection', error });
  const onException = (error: unknown) => faults.push({ event: 'uncaughtException', error });

  beforeEach(() => {
    faults = [];
    // mocha installs its own handlers; ours run first so the fault is recorded even if mocha rethrows.
    process.prependListener('unhandledRejection', onRejection);
    process.prependListener('uncaughtException', onException);
  });

  afterEach(async () => {
    await settle();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    expect(faults.map(describeFault), 'process-level faults during the test').to.deep.equal([]);
    if (stillServing) await stillServing();
  });
}

/**
 * Asserts that `GET {baseUrl}/health` answers 200 `{"status":"ok"}` on a fresh connection.
 * @example guardProcess(() => expectServing(url));
 */
export async function expectServing(baseUrl: string): Promise<void> {
  const response = await send(baseUrl, { path: '/health' });
  expect(response.status, 'the server still answers a normal request').to.equal(200);
  expect(response.body).to.equal('{"status":"ok"}');
}
