// Checks @SerializeOptions and createApp({ serialization }) once, and merges them: the narrowest scope wins per key.
import { type ClassTransformOptions, TransformationType } from 'class-transformer';
import { CorbelError } from '../errors/corbel-error';
import type { SerializationOptions } from '../metadata/serialization-metadata';

/** `instanceToPlain` is the direction every answer takes. */
export const CLASS_TO_PLAIN = TransformationType.CLASS_TO_PLAIN;

type OptionCheck = (value: unknown) => string | undefined;

const isBoolean: OptionCheck = (value) => (typeof value === 'boolean' ? undefined : 'a boolean');
const isStringList: OptionCheck = (value) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'an array of strings';

const CHECKS: Readonly<Record<keyof SerializationOptions, OptionCheck>> = {
  groups: isStringList,
  strategy: (value) => (value === 'exposeAll' || value === 'excludeAll' ? undefined : "'exposeAll' or 'excludeAll'"),
  excludeExtraneousValues: isBoolean,
  exposeUnsetFields: isBoolean,
  version: (value) => (typeof value === 'number' && Number.isFinite(value) ? undefined : 'a finite number'),
  excludePrefixes: isStringList,
  enableCircularCheck: isBoolean,
  ignoreDecorators: isBoolean,
};

// class-transformer options that only plainToInstance reads (or that would change type lookups per value): refused
// by name, so a user who sets one learns it does nothing for answers instead of wondering why.
const NOT_FOR_ANSWERS: Readonly<Record<string, string>> = {
  enableImplicitConversion: 'it only converts input (plainToInstance); answers are never converted implicitly',
  exposeDefaultValues: 'it only applies to input (plainToInstance)',
  targetMaps: 'Corbel does not support it; declare types with @Type() instead',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}

/**
 * The options as given, checked: an unknown key, a key that does nothing for answers, or a value of the wrong type
 * is a `CorbelError` naming `where` (`@SerializeOptions on UsersController.findOne`).
 * @example checkSerializationOptions({ groups: ['admin'] }, 'createApp({ serialization })')
 */
export function checkSerializationOptions(options: unknown, where: string): SerializationOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_SERIALIZATION',
      `${where}: expected an object of class-transformer options, got ${describe(options)}`,
    );
  }
  for (const [key, value] of Object.entries(options)) {
    const refusal = NOT_FOR_ANSWERS[key];
    if (refusal !== undefined) {
      throw new CorbelError('CORBEL_ERR_INVALID_SERIALIZATION', `${where}: '${key}' is not accepted: ${refusal}`);
    }
    const check = Object.hasOwn(CHECKS, key) ? CHECKS[key as keyof SerializationOptions] : undefined;
    if (check === undefined) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_SERIALIZATION',
        `${where}: unknown option '${key}'; expected one of ${Object.keys(CHECKS).join(', ')}`,
      );
    }
    const expected = value === undefined ? undefined : check(value);
    if (expected !== undefined) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_SERIALIZATION',
        `${where}: '${key}' must be ${expected}, got ${describe(value)}`,
      );
    }
  }
  return options as SerializationOptions;
}

/**
 * Merges option layers from the widest (the app's) to the narrowest (the method's); a key set to `undefined` in a
 * narrower layer leaves the wider value.
 * @example mergeSerializationOptions({ groups: ['user'] }, { groups: ['admin'], version: 2 }) // { groups: ['admin'], version: 2 }
 */
export function mergeSerializationOptions(
  ...layers: readonly (SerializationOptions | undefined)[]
): SerializationOptions {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return merged as SerializationOptions;
}

/**
 * The options object class-transformer itself would use (its defaults, then these), as @Transform functions see it.
 * @example toTransformOptions({ groups: ['admin'] }).exposeUnsetFields // true
 */
export function toTransformOptions(options: SerializationOptions): ClassTransformOptions {
  return {
    enableCircularCheck: false,
    enableImplicitConversion: false,
    excludeExtraneousValues: false,
    excludePrefixes: undefined,
    exposeDefaultValues: false,
    exposeUnsetFields: true,
    groups: undefined,
    ignoreDecorators: false,
    strategy: undefined,
    targetMaps: undefined,
    version: undefined,
    ...(options as ClassTransformOptions),
  };
}

/** class-transformer's version check for `@Expose` / `@Transform({ since, until })`. */
export function passesVersion(options: ClassTransformOptions, since?: number, until?: number): boolean {
  let decision = true;
  if (decision && since) decision = (options.version as number) >= since;
  if (decision && until) decision = (options.version as number) < until;
  return decision;
}

/** class-transformer's group check for a decorator's `groups` (undefined passes). */
export function passesGroups(options: ClassTransformOptions, groups: readonly string[] | undefined): boolean {
  if (!groups) return true;
  return (options.groups ?? []).some((group) => groups.includes(group));
}

/**
 * Whether a decorator with `decoratorOptions` applies under `options`, as class-transformer filters keys and
 * transforms: its version window, then its groups (a decorator with groups applies only when a group matches).
 */
export function decoratorApplies(
  options: ClassTransformOptions,
  decoratorOptions:
    | { readonly groups?: readonly string[]; readonly since?: number; readonly until?: number }
    | undefined,
): boolean {
  if (
    options.version !== undefined &&
    decoratorOptions &&
    !passesVersion(options, decoratorOptions.since, decoratorOptions.until)
  ) {
    return false;
  }
  if (options.groups?.length) return !decoratorOptions || passesGroups(options, decoratorOptions.groups);
  return !decoratorOptions?.groups?.length;
}

/** class-transformer's excludePrefixes test for one key. */
export function passesPrefixes(options: ClassTransformOptions, key: string): boolean {
  const prefixes = options.excludePrefixes;
  if (!prefixes?.length) return true;
  return prefixes.every((prefix) => key.substring(0, prefix.length) !== prefix);
}
