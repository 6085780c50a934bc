// Marks the records read from form bodies (urlencoded and multipart), whose values are all strings.

// A non-enumerable symbol: JSON.stringify, spreads and Object.keys never see it, and testing a JSON body for it is
// a property miss (a WeakSet lookup cost several times more on every JSON body a DTO validates).
const FORM_BODY = Symbol('corbel.formBody');

/** Records `fields` as a form's, so that DTO checks convert its strings as they do a query's; returns it. */
export function markFormBody<T extends object>(fields: T): T {
  Object.defineProperty(fields, FORM_BODY, { value: true });
  return fields;
}

/** True for a record a form body was read into: its values are strings (or arrays of them) to be converted. */
export function isFormBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<symbol, unknown>)[FORM_BODY] === true;
}
