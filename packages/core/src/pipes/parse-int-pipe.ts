// ParseIntPipe: an integer from a string (or a number Corbel already converted), else a validation entry.
import { isSkipped, type ParsePipeOptions, pipeFailure } from './pipe-failure';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

const INTEGER = /^[+-]?\d+$/;

/**
 * Turns `'42'` into `42`; anything else (`'4.2'`, `'abc'`, a missing value unless `optional`) is refused:
 * `int_parsing`, answered 404 for a path parameter and 422 elsewhere.
 * @example @Get('/:id') findOne(@Param('id', ParseIntPipe) id: number) {}
 */
export class ParseIntPipe implements PipeTransform<unknown, number | undefined | null> {
  readonly #options: ParsePipeOptions;

  constructor(options: ParsePipeOptions = {}) {
    this.#options = options;
  }

  transform(value: unknown, metadata: ArgumentMetadata): number | undefined | null {
    if (isSkipped(value, this.#options)) return value as undefined | null;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && INTEGER.test(value)) {
      const parsed = Number(value);
      if (Number.isSafeInteger(parsed)) return parsed;
    }
    throw pipeFailure(
      metadata,
      this.#options,
      'int_parsing',
      'Input should be a valid integer, unable to parse string as an integer',
    );
  }
}
