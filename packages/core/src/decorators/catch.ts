// @Catch: declares which statuses and error classes a filter class answers.

import type { Constructor } from '../metadata/constructor';
import type { CatchKey } from '../metadata/filter-metadata';
import { defineCatchKeys } from '../metadata/filter-metadata';

/**
 * Declares the keys a filter answers: status codes (for `HTTPException`s with that status) and error classes
 * (for that class and its subclasses, nearest ancestor winning). With no key, it catches anything.
 * @example
 * @Catch(ValueError)
 * class ValueErrorFilter implements ExceptionFilter<ValueError> {
 *   catch(error: ValueError) { return json({ error: error.message }, 400); }
 * }
 */
export function Catch(...keys: CatchKey[]): ClassDecorator {
  return (target) => {
    defineCatchKeys(target as unknown as Constructor, keys);
  };
}
