// ParseBoolPipe: true or false from 'true' or 'false' (or a boolean Corbel already converted).
import { isSkipped, type ParsePipeOptions, pipeFailure } from './pipe-failure';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

/**
 * Turns `'true'` and `'false'` into booleans, as NestJS's does; anything else is refused (`bool_parsing`).
 * @example @Get() list(@Query('archived', ParseBoolPipe) archived: boolean) {}
 */
export class ParseBoolPipe implements PipeTransform<unknown, boolean | undefined | null> {
  readonly #options: ParsePipeOptions;

  constructor(options: ParsePipeOptions = {}) {
    this.#options = options;
  }

  transform(value: unknown, metadata: ArgumentMetadata): boolean | undefined | null {
    if (isSkipped(value, this.#options)) return value as undefined | null;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw pipeFailure(metadata, this.#options, 'bool_parsing', 'Input should be a valid boolean, true or false');
  }
}
