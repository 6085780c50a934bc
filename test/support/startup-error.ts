// Runs what should refuse to start and returns the CorbelError it threw, so a test can assert its code and message.
import { CorbelError } from '@corbel/core';

/**
 * The `CorbelError` `run` throws; anything else thrown is rethrown, and not throwing fails the test.
 * @example expect(startupError(() => createApp({ controllers: [Broken] })).code).to.equal('CORBEL_ERR_NOT_A_CONTROLLER');
 */
export function startupError(run: () => unknown): CorbelError {
  try {
    run();
  } catch (error) {
    if (error instanceof CorbelError) return error;
    throw error;
  }
  throw new Error('expected a CorbelError, but nothing was thrown');
}
