// A request that failed parameter conversion or DTO validation, reported the kui way: one entry per failure.

/** Where a request value came from, in the order locations are checked. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** One failed check: where (`loc` inside the location's input, and `in`), what (`type`) and why (`msg`). */
export interface ValidationErrorEntry {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
  readonly in: ParameterLocation;
}

/**
 * Thrown when binding or validation fails. A failure in the path answers 404 (through the 404 filters);
 * anywhere else 422 with `errors()` as the body. Entries carry no rejected values, so they are safe to send.
 * @example
 * throw new RequestValidationError([{ loc: ['page'], msg: 'Field required', type: 'missing', in: 'query' }]);
 */
export class RequestValidationError extends Error {
  readonly in: ParameterLocation;
  readonly #errors: readonly ValidationErrorEntry[];

  constructor(errors: readonly ValidationErrorEntry[], location?: ParameterLocation) {
    const first = errors[0];
    super(first ? `${first.in} ${first.loc.join('.')}: ${first.msg}` : 'Request validation failed');
    this.name = new.target.name;
    this.#errors = errors.map(copyEntry);
    this.in = location ?? first?.in ?? 'body';
  }

  /** A copy of the failures, safe to send as they are. */
  errors(): ValidationErrorEntry[] {
    return this.#errors.map(copyEntry);
  }

  /** The failures as JSON text. */
  json(indent = 2): string {
    return JSON.stringify(this.#errors, null, indent);
  }
}

function copyEntry(entry: ValidationErrorEntry): ValidationErrorEntry {
  return { loc: [...entry.loc], msg: entry.msg, type: entry.type, in: entry.in };
}
