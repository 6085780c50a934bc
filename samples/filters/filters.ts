// The sample's filters: one per rule of the lookup (class, status, validation format, scopes).
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  type HTTPException,
  json,
  RequestValidationError,
  Returns,
} from '@corbel/core';
import { ErrorBody, NotFoundBody, ValidationFormatBody } from './error-bodies';
import { PermissionError, ValueError } from './errors';

/** Global: any ValueError (or subclass) → 400 with its message. */
@Catch(ValueError)
export class ValueErrorFilter implements ExceptionFilter<ValueError> {
  @Returns(ErrorBody, { status: 400 })
  catch(error: ValueError) {
    return json({ error: error.message }, 400);
  }
}

/** Global: PermissionError → 403. */
@Catch(PermissionError)
export class PermissionErrorFilter implements ExceptionFilter<PermissionError> {
  @Returns(ErrorBody, { status: 403 })
  catch() {
    return json({ error: 'forbidden' }, 403);
  }
}

/**
 * Controller-scoped: a thrown 404 gets a custom body, sent with status 404. A path that does not validate would reach
 * it too, but OrdersController also has ValidationFormatFilter, which takes those first.
 */
@Catch(404)
export class NotFoundFilter implements ExceptionFilter<HTTPException> {
  @Returns(NotFoundBody, { status: 404 })
  catch(error: HTTPException, host: ArgumentsHost) {
    const path = host.type === 'http' ? host.request.path : undefined;
    return { error: 'not found', detail: error.detail, path };
  }
}

/** Controller-scoped: validation errors as a message plus the entries (the custom format kui's guide shows). */
@Catch(RequestValidationError)
export class ValidationFormatFilter implements ExceptionFilter<RequestValidationError> {
  @Returns(ValidationFormatBody, { status: 422 })
  catch(error: RequestValidationError) {
    return json({ message: 'Invalid request parameters', details: error.errors() }, 422);
  }
}

/** Method-scoped: replaces the global ValueError answer on one route only. */
@Catch(ValueError)
export class StrictValueErrorFilter implements ExceptionFilter<ValueError> {
  @Returns(ErrorBody, { status: 400 })
  catch(error: ValueError) {
    return json({ error: error.message, hint: 'quantities are whole numbers from 1 to 99' }, 400);
  }
}
