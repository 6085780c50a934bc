// Builds validation errors the framework raises about a request without a stack trace (HTTP exceptions skip theirs).

/**
 * Runs `create` with stack capture off. Such a stack would only point into Corbel, and capturing it was the
 * largest cost of answering an unknown route (about 5 µs of a 404), so client errors raised by the framework skip it.
 */
export function withoutStack<T>(create: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
