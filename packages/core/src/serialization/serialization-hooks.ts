// Lets JSON.stringify find class-transformer instances anywhere in an answer, at no cost for plain values.
//
// Every class that carries class-transformer metadata gets a non-enumerable `toJSON` on its prototype (unless it
// already has one). Outside a Corbel answer the hook returns the instance itself, so JSON.stringify behaves exactly
// as before; while an answer is being written it returns the plain object of the answer's converter. JSON.stringify
// looks `toJSON` up on every object anyway, so a plain answer pays nothing for the classes it does not contain.
import { CorbelError } from '../errors/corbel-error';
import { metadataMaps, type TransformerStorage } from '../metadata/transformer-storage';
import type { InstanceConverter } from './instance-converter';

/** The converter of the answer being written, or null outside one. */
let active: InstanceConverter | null = null;

function toJSON(this: object): unknown {
  const converter = active;
  return converter === null ? this : converter.toPlain(this);
}

/** Sizes of the four metadata maps (in `metadataMaps` order) when the hooks were last installed. */
const installedSizes = [-1, -1, -1, -1];

function install(target: unknown): void {
  if (typeof target !== 'function') return;
  const prototype: unknown = target.prototype;
  if (typeof prototype !== 'object' || prototype === null) return;
  // A class's own toJSON (or an ancestor's, or the hook inherited from a decorated ancestor) keeps deciding.
  if ('toJSON' in prototype) return;
  try {
    Object.defineProperty(prototype, 'toJSON', { value: toJSON, writable: true, configurable: true });
  } catch {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_SERIALIZATION',
      `${target.name || 'a class'} carries class-transformer metadata but its prototype cannot take a toJSON ` +
        '(it is frozen or sealed): its instances could not be serialized by their @Exclude/@Expose rules',
    );
  }
}

/**
 * Installs the hook on every class class-transformer knows that has none yet. Cheap when nothing changed (four
 * size reads), so it runs before each answer: a class decorated after `createApp` is still found.
 * @example ensureHooks(storage); JSON.stringify(answer)
 */
export function ensureHooks(storage: TransformerStorage): void {
  // Read field by field, without building the list: this runs before every JSON answer.
  if (
    storage._exposeMetadatas.size === installedSizes[0] &&
    storage._excludeMetadatas.size === installedSizes[1] &&
    storage._transformMetadatas.size === installedSizes[2] &&
    storage._typeMetadatas.size === installedSizes[3]
  ) {
    return;
  }
  const maps = metadataMaps(storage);
  for (let index = 0; index < maps.length; index++) {
    for (const target of maps[index].keys()) install(target);
    installedSizes[index] = maps[index].size;
  }
}

/**
 * JSON.stringify of `value` with `converter` answering hooked instances. A hooked instance at the top (the usual
 * answer: `return user`) is converted directly rather than through JSON.stringify calling back into its hook.
 * @example stringifyWith(storage, converter, new UserEntity()) // '{"id":7,"name":"Ada"}'
 */
export function stringifyWith(
  storage: TransformerStorage,
  converter: InstanceConverter,
  value: unknown,
): string | undefined {
  ensureHooks(storage);
  const previous = active;
  active = converter;
  try {
    const isHooked = typeof value === 'object' && value !== null && (value as { toJSON?: unknown }).toJSON === toJSON;
    return JSON.stringify(isHooked ? converter.toPlain(value) : value);
  } finally {
    active = previous;
  }
}
