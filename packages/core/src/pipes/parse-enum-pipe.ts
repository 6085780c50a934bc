// ParseEnumPipe: one of a TypeScript enum's values (a numeric member also from its digits).
import { isSkipped, type ParsePipeOptions, pipeFailure } from './pipe-failure';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

/** A TypeScript enum object (or any record of allowed values). */
export type EnumLike = Readonly<Record<string, string | number>>;

/**
 * Lets a member of `enumType` through (`'2'` becomes `2` for a numeric member) and refuses anything else (`enum`).
 * @example @Get() list(@Query('color', new ParseEnumPipe(Color)) color: Color) {}
 */
export class ParseEnumPipe<E extends EnumLike = EnumLike> implements PipeTransform<unknown, E[keyof E] | undefined> {
  readonly #values: readonly (string | number)[];
  readonly #options: ParsePipeOptions;

  constructor(enumType: E, options: ParsePipeOptions = {}) {
    // A numeric enum also maps its values back to its names; those reverse keys are digits.
    this.#values = Object.keys(enumType)
      .filter((key) => !/^\d+$/.test(key))
      .map((key) => enumType[key]);
    this.#options = options;
  }

  transform(value: unknown, metadata: ArgumentMetadata): E[keyof E] | undefined {
    if (isSkipped(value, this.#options)) return value as undefined;
    for (const allowed of this.#values) {
      if (value === allowed || (typeof allowed === 'number' && value === String(allowed))) return allowed as E[keyof E];
    }
    const listed = this.#values.map((allowed) => JSON.stringify(allowed)).join(', ');
    throw pipeFailure(metadata, this.#options, 'enum', `Input should be one of ${listed}`);
  }
}
