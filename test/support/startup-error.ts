// Runs what should be refused at createApp and returns the CorbelError it threw, failing the test if none came.
import { CorbelError } from '@corbel/core';
import { expect } from 'chai';

/**
 * The `CorbelError` that `build` throws.
 * @example expect(startupError(() => createApp({ controllers: [Broken] })).code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
 */
export function startupError(build: () => unknown): CorbelError {
  try {
    build();
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    return error as CorbelError;
  }
  throw new Error('expected createApp to throw');
}
