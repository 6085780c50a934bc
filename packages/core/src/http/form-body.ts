// Marks the records read from form bodies (urlencoded and multipart), whose values are all strings.

const FORM_BODIES = new WeakSet<object>();

/** Records `fields` as a form's, so that DTO checks convert its strings as they do a query's; returns it. */
export function markFormBody<T extends object>(fields: T): T {
  FORM_BODIES.add(fields);
  return fields;
}

/** True for a record a form body was read into: its values are strings (or arrays of them) to be converted. */
export function isFormBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && FORM_BODIES.has(body);
}
