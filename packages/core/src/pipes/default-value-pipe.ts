// DefaultValuePipe: a value for an argument that is missing, before the pipes after it run.
import type { PipeTransform } from './pipe-transform';

/**
 * Gives `defaultValue` when the argument is `undefined`, `null` or `NaN`, as NestJS's does; put it before a parse
 * pipe: `@Query('page', new DefaultValuePipe(1), ParseIntPipe)`.
 * @example @Get() list(@Query('page', new DefaultValuePipe(1), ParseIntPipe) page: number) {}
 */
export class DefaultValuePipe<T = unknown> implements PipeTransform<unknown, unknown> {
  readonly #defaultValue: T;

  constructor(defaultValue: T) {
    this.#defaultValue = defaultValue;
  }

  transform(value: unknown): unknown {
    const missing = value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value));
    return missing ? this.#defaultValue : value;
  }
}
