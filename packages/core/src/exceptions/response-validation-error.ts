// An answer that did not pass its @Returns DTO's constraints: a server bug, logged with its entries, answered 500.

/** One failed constraint of an answer: where in the answer (`loc`), what (`type`) and why (`msg`). */
export interface ResponseValidationEntry {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

/**
 * Raised (with `createApp({ responseValidation: true })`) when a route's shaped answer fails its `@Returns` DTO's
 * class-validator constraints. The default filter logs it with its entries and answers 500
 * `{"detail":"Internal Server Error"}`: the entries are the server's business, never the client's.
 * @example
 * @Catch(ResponseValidationError)
 * class ReportBadAnswers { catch(error: ResponseValidationError) { alerts.push(error.errors()); return undefined; } }
 */
export class ResponseValidationError extends Error {
  /** The handler whose answer failed, as `Controller.method`. */
  readonly route: string;
  readonly #errors: readonly ResponseValidationEntry[];

  constructor(errors: readonly ResponseValidationEntry[], route: string) {
    const first = errors[0];
    const where = first ? `${first.loc.join('.') || '(root)'}: ${first.msg}` : 'validation failed';
    super(`The answer of ${route} does not match its @Returns type: ${where}`);
    this.name = new.target.name;
    this.route = route;
    this.#errors = errors.map(copyEntry);
  }

  /** A copy of the failures. */
  errors(): ResponseValidationEntry[] {
    return this.#errors.map(copyEntry);
  }
}

function copyEntry(entry: ResponseValidationEntry): ResponseValidationEntry {
  return { loc: [...entry.loc], msg: entry.msg, type: entry.type };
}
