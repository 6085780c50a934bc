// ParseUUIDPipe: a UUID string (of one version, when asked), checked by class-validator's isUUID.
import { isUUID } from 'class-validator';
import { isSkipped, type ParsePipeOptions, pipeFailure } from './pipe-failure';
import type { ArgumentMetadata, PipeTransform } from './pipe-transform';

/** The UUID versions ParseUUIDPipe can require; `'all'` (the default) accepts any. */
export type UUIDVersion = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | 'all';

/**
 * The options of `ParseUUIDPipe`: the parse options and the version.
 * @example new ParseUUIDPipe({ version: '4' })
 */
export interface ParseUUIDPipeOptions extends ParsePipeOptions {
  readonly version?: UUIDVersion;
}

/**
 * Lets a UUID string through unchanged and refuses anything else (`uuid_parsing`).
 * @example @Get('/:id') findOne(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {}
 */
export class ParseUUIDPipe implements PipeTransform<unknown, string | undefined | null> {
  readonly #options: ParseUUIDPipeOptions;

  constructor(options: ParseUUIDPipeOptions = {}) {
    this.#options = options;
  }

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined | null {
    if (isSkipped(value, this.#options)) return value as undefined | null;
    const version = this.#options.version ?? 'all';
    if (typeof value === 'string' && isUUID(value, version)) return value;
    const which = version === 'all' ? 'a UUID' : `a version ${version} UUID`;
    throw pipeFailure(metadata, this.#options, 'uuid_parsing', `Input should be ${which}`);
  }
}
