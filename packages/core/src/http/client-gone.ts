// The cancellation of work done for one response: it fires when the client goes away before the answer is written.
import type { ServerResponse } from 'node:http';
import type { Cancellation } from '../async/observable';
import { ClientDisconnected } from './body-reader';

/**
 * Cancels with `ClientDisconnected` if the response closes before it finished (the client left), so an Observable
 * answering it is unsubscribed instead of running on for nobody.
 * @example await lastValueOf(result, whenClientLeaves(response));
 */
export function whenClientLeaves(response: ServerResponse): Cancellation {
  return (cancel) => {
    if (response.destroyed) {
      cancel(new ClientDisconnected());
      return () => {};
    }
    const onClose = () => {
      if (!response.writableFinished) cancel(new ClientDisconnected());
    };
    response.once('close', onClose);
    return () => response.off('close', onClose);
  };
}
