// ParseFloatPipe: a finite number from a decimal string (or a number Corbel already converted).
import { isSkipped, type ParsePipeOptions, pipeFailure } from './pipe-failure';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Turns `'4.2'` into `4.2`; anything that is not a finite decimal is refused (`float_parsing`).
 * @example @Get() near(@Query('lat', ParseFloatPipe) lat: number) {}
 */
export class ParseFloatPipe implements PipeTransform<unknown, number | undefined | null> {
  readonly #options: ParsePipeOptions;

  constructor(options: ParsePipeOptions = {}) {
    this.#options = options;
  }

  transform(value: unknown, metadata: ArgumentMetadata): number | undefined | null {
    if (isSkipped(value, this.#options)) return value as undefined | null;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && DECIMAL.test(value)) {
      const parsed = Number(value);
      if (Number.isFinite(parsed)) return parsed;
    }
    throw pipeFailure(
      metadata,
      this.#options,
      'float_parsing',
      'Input should be a valid number, unable to parse string as a number',
    );
  }
}
