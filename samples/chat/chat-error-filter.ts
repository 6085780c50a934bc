// Reports a bad chat message to its sender as an `error` event instead of closing the connection.
import { Catch, type ExceptionFilter, RequestValidationError, WebSocketException } from '@corbel/core';

/**
 * Bad JSON (1007), an unknown event (1003) and a message that fails validation stay on the connection as
 * `{ "event": "error", "data": … }`; anything else keeps the default answer.
 */
@Catch(WebSocketException, RequestValidationError)
export class ChatErrorFilter implements ExceptionFilter<WebSocketException | RequestValidationError> {
  catch(error: WebSocketException | RequestValidationError) {
    if (error instanceof RequestValidationError) return { event: 'error', data: error.errors() };
    return { event: 'error', data: { code: error.code, reason: error.reason } };
  }
}
