// Error classes and marker filters shared by the filter suites: each filter answers with its own name.
import { Catch, type CatchKey, type Constructor, type ExceptionFilter } from '@corbel/core';

export class ValueError extends Error {}
export class SubValueError extends ValueError {}
export class PermissionError extends Error {}

/** A filter class for `keys` that answers `{ by: name }`, so a test can see which filter answered. */
export function markerFilter(name: string, ...keys: CatchKey[]): Constructor<ExceptionFilter> {
  const Marker = class implements ExceptionFilter {
    catch() {
      return { by: name };
    }
  };
  Object.defineProperty(Marker, 'name', { value: name });
  Catch(...keys)(Marker);
  return Marker;
}
