// The domain errors of the filters sample: a ValueError and a PermissionError, as in kui's exception-handler guide.

/** A value the caller sent makes no sense (answered 400). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** The caller may not do this (answered 403). */
export class PermissionError extends Error {
  override name = 'PermissionError';
}

/** A ValueError subclass: the ValueError filter answers it too (nearest ancestor wins). */
export class QuantityError extends ValueError {
  override name = 'QuantityError';
}
