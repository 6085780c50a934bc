// The status an error answers with when a filter returns a plain value.
import { HTTPException } from '../exceptions/http-exception';
import { RequestValidationError } from '../exceptions/request-validation-error';

/** An `HTTPException`'s status; 404 or 422 for a validation error (path or elsewhere); 500 otherwise. */
export function statusOfError(error: unknown): number {
  if (error instanceof HTTPException) return error.statusCode;
  if (error instanceof RequestValidationError) return error.in === 'path' ? 404 : 422;
  return 500;
}
