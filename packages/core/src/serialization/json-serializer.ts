// The JSON text of an answer: JSON.stringify, with class-transformer's rules for every decorated instance inside.
import { CorbelError } from '../errors/corbel-error';
import type { SerializationOptions } from '../metadata/serialization-metadata';
import { type TransformerStorage, transformerStorage } from '../metadata/transformer-storage';
import { InstanceConverter } from './instance-converter';
import { ensureHooks, stringifyWith } from './serialization-hooks';
import { checkSerializationOptions } from './serialization-settings';

/** Turns a value into JSON text (undefined for what JSON cannot represent, as JSON.stringify). */
export type JsonSerializer = (value: unknown) => string | undefined;

function plainJson(value: unknown): string | undefined {
  return JSON.stringify(value);
}

const STORAGE_MODULE = /[\\/]class-transformer[\\/]cjs[\\/]storage\.js$/;

/**
 * class-transformer's storage, or a `CorbelError`: without it, or with a second copy of class-transformer loaded
 * (whose decorators write to another storage), no @Exclude could be honoured.
 */
export function requireTransformerStorage(): TransformerStorage {
  if (transformerStorage === undefined) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_SERIALIZATION',
      "class-transformer's metadata storage does not have the shape Corbel reads (class-transformer 0.5): " +
        'instances could not be serialized by their @Exclude/@Expose rules; install class-transformer 0.5.x',
    );
  }
  const copies = Object.keys(require.cache).filter((file) => STORAGE_MODULE.test(file));
  if (copies.length > 1) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_SERIALIZATION',
      `class-transformer is loaded ${copies.length} times (${copies.join(', ')}): decorators applied through one ` +
        "copy are invisible to the other's rules, so @Exclude() could be ignored; install a single version " +
        '(npm dedupe)',
    );
  }
  return transformerStorage;
}

/**
 * The function that writes a value as JSON text for runs with `converter` active, or JSON.stringify when `false`.
 * @example const write = jsonWriterFor(storage, converter); write({ user }) // '{"user":{"id":1}}'
 */
export function jsonWriterFor(storage: TransformerStorage, converter: InstanceConverter | null): JsonSerializer {
  if (converter === null) return plainJson;
  return (value) => stringifyWith(storage, converter, value);
}

/**
 * A converter for these (already checked) options, with the hooks installed; null when serialization is off.
 * @example converterFor(storage, { groups: ['admin'] })?.toPlain(user)
 */
export function converterFor(
  storage: TransformerStorage,
  options: SerializationOptions | false,
): InstanceConverter | null {
  if (options === false) return null;
  ensureHooks(storage);
  return new InstanceConverter(storage, options);
}

/**
 * Serializes values as Corbel answers are serialized: JSON.stringify, except that every instance of a class with
 * class-transformer metadata (`@Exclude`, `@Expose`, `@Transform`, `@Type`), at any depth, is first turned into a
 * plain object by class-transformer's rules under `options`. `false` gives plain JSON.stringify.
 * @example
 * const toJson = createJsonSerializer({ groups: ['admin'] });
 * toJson({ user: new UserEntity() }) // '{"user":{"id":1,"name":"Ada"}}' — the @Exclude()d password is not there
 */
export function createJsonSerializer(options: SerializationOptions | false = {}): JsonSerializer {
  const checked = options === false ? false : checkSerializationOptions(options, 'createJsonSerializer(options)');
  if (checked === false) return plainJson;
  const storage = requireTransformerStorage();
  return jsonWriterFor(storage, converterFor(storage, checked));
}
