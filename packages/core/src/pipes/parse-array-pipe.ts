// ParseArrayPipe: an array from a list (or a separated string), each item converted or validated as `items` says.
import type { AnyClass } from '../metadata/constructor';
import { isDtoClass } from '../validation/dto-validator';
import { COMPILE_PIPE, type CompilablePipe, type PipeCompileContext, type PipeStep } from './compiled-pipe';
import { ParseBoolPipe } from './parse-bool-pipe';
import { ParseFloatPipe } from './parse-float-pipe';
import { isSkipped, type ParsePipeOptions, pipeFailure } from './pipe-failure';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

/**
 * The options of `ParseArrayPipe`: what each item is (`Number`, `String`, `Boolean`, or a DTO class, validated as
 * Corbel validates a DTO parameter), and the separator a single string is split on (default `','`).
 * @example new ParseArrayPipe({ items: Number, separator: ',' })
 */
export interface ParseArrayPipeOptions extends ParsePipeOptions {
  readonly items?: NumberConstructor | StringConstructor | BooleanConstructor | AnyClass;
  readonly separator?: string;
}

/**
 * Turns `?ids=1,2,3` (or a repeated `?ids=1&ids=2`, or a JSON array body) into an array, converting or validating
 * every item; a failing item is an entry whose `loc` ends with its index.
 * @example @Get() byIds(@Query('ids', new ParseArrayPipe({ items: Number })) ids: number[]) {}
 */
export class ParseArrayPipe implements PipeTransform<unknown, unknown[] | undefined | null>, CompilablePipe {
  readonly #options: ParseArrayPipeOptions;

  constructor(options: ParseArrayPipeOptions = {}) {
    this.#options = options;
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown[] | undefined | null {
    if (isSkipped(value, this.#options)) return value as undefined | null;
    const list = this.#toList(value, metadata);
    const { items } = this.#options;
    if (items === Number || items === Boolean) {
      const item = items === Number ? new ParseFloatPipe(this.#options) : new ParseBoolPipe(this.#options);
      return list.map((element, index) => {
        try {
          return item.transform(element, metadata);
        } catch {
          throw pipeFailure(
            metadata,
            this.#options,
            items === Number ? 'float_parsing' : 'bool_parsing',
            items === Number ? 'Input should be a valid number' : 'Input should be a valid boolean, true or false',
            [index],
          );
        }
      });
    }
    if (items === String) return list.map(String);
    return list;
  }

  [COMPILE_PIPE](context: PipeCompileContext): PipeStep | null {
    const { items } = this.#options;
    const metadata: ArgumentMetadata = { type: context.location === 'query' ? 'query' : 'body' };
    if (!isDtoClass(items)) return (value) => this.transform(value, metadata);
    const check = context.validator.compile([items], context.location ?? 'body', [], context.usedBy, {
      overrides: context.settings,
    });
    return (value, errors) => {
      if (isSkipped(value, this.#options)) return value;
      return check(this.#toList(value, metadata), errors);
    };
  }

  #toList(value: unknown, metadata: ArgumentMetadata): unknown[] {
    if (Array.isArray(value)) {
      // A repeated query key arrives as an array of strings; each may still be separated.
      return typeof value[0] === 'string' ? value.flatMap((element) => this.#split(element)) : value;
    }
    if (typeof value === 'string') return this.#split(value);
    throw pipeFailure(metadata, this.#options, 'list_type', 'Input should be a valid list');
  }

  #split(value: unknown): unknown[] {
    if (typeof value !== 'string') return [value];
    return value === '' ? [] : value.split(this.#options.separator ?? ',');
  }
}
