// Reads class-transformer's metadata for one class under one set of options: what instanceToPlain does with its keys.
import type { ClassTransformOptions } from 'class-transformer';
import {
  lineage,
  ownDecoratedProperties,
  type TransformerStorage,
  type TransformFnParams,
  type TypeMetadataLike,
} from '../metadata/transformer-storage';
import { CLASS_TO_PLAIN, decoratorApplies, passesPrefixes } from './serialization-settings';

/** What instanceToPlain does with one key of an instance. */
export interface KeyRule {
  /** Excluded, outside the version window or groups, or prefixed: the key is skipped. */
  readonly isSent: boolean;
  /** The key in the plain object (`@Expose({ name })`). */
  readonly output: string;
  /** The type class-transformer converts the value to (`@Type`), or undefined. */
  readonly type: unknown;
  readonly transforms: readonly ((params: TransformFnParams) => unknown)[];
}

/** instanceToPlain for one class (or for plain objects, `target` undefined), reduced to data. */
export interface InstancePlan {
  /** Own enumerable keys are read first (the exposeAll strategy without excludeExtraneousValues). */
  readonly readsOwnKeys: boolean;
  /** `@Expose`d keys, added after the own keys (or alone), once each. */
  readonly listed: readonly string[];
  /** Keys with metadata; every other key is sent under its own name unless a prefix excludes it. */
  readonly rules: ReadonlyMap<string, KeyRule>;
}

function typeOf(metadata: TypeMetadataLike | undefined): { readonly type: unknown } | undefined {
  if (!metadata) return { type: undefined };
  const discriminator = metadata.options?.discriminator as { property?: unknown; subTypes?: unknown } | undefined;
  // A discriminator or a map is decided per value; a type function reading its argument is too.
  if (discriminator?.property && discriminator.subTypes) return undefined;
  if (metadata.reflectedType === Map) return undefined;
  if (!metadata.typeFunction) return { type: metadata.reflectedType };
  if (metadata.typeFunction.length > 0) return undefined;
  try {
    return { type: metadata.typeFunction() };
  } catch {
    return undefined;
  }
}

/** Every property name any class-transformer decorator names on `target` or its ancestors. */
function namedProperties(storage: TransformerStorage, target: abstract new (...args: never[]) => unknown): string[] {
  return [...new Set(lineage(target).flatMap((cls) => ownDecoratedProperties(storage, cls)))];
}

/**
 * The plan of `target` (a class, or undefined for plain objects) under `options`, or undefined when the class uses
 * what only class-transformer reproduces per value (a discriminator, a Map type, a type function with arguments).
 * Read once per class and options; the converter caches it.
 * @example planInstance(storage, UserEntity, toTransformOptions({}))?.rules.get('password')?.isSent // false
 */
export function planInstance(
  storage: TransformerStorage,
  target: (abstract new (...args: never[]) => unknown) | undefined,
  options: ClassTransformOptions,
): InstancePlan | undefined {
  const ownStrategy = target === undefined ? 'none' : storage.getStrategy(target);
  const strategy = ownStrategy === 'none' ? (options.strategy ?? 'exposeAll') : ownStrategy;
  if (target === undefined) {
    return { readsOwnKeys: strategy === 'exposeAll', listed: [], rules: new Map() };
  }
  const exposed = [...new Set(storage.getExposedProperties(target, CLASS_TO_PLAIN))];
  const excluded = new Set(storage.getExcludedProperties(target, CLASS_TO_PLAIN));
  const rules = new Map<string, KeyRule>();
  for (const name of new Set([...namedProperties(storage, target), ...exposed])) {
    const expose = storage.findExposeMetadata(target, name);
    const resolved = typeOf(storage.findTypeMetadata(target, name));
    if (!resolved) return undefined;
    const transforms = storage
      .findTransformMetadatas(target, name, CLASS_TO_PLAIN)
      .filter((metadata) => decoratorApplies(options, metadata.options))
      .map((metadata) => metadata.transformFn);
    rules.set(name, {
      isSent: !excluded.has(name) && decoratorApplies(options, expose?.options) && passesPrefixes(options, name),
      output: expose?.options?.name || name,
      type: resolved.type,
      transforms,
    });
  }
  return {
    readsOwnKeys: strategy === 'exposeAll' && !options.excludeExtraneousValues,
    listed: exposed,
    rules,
  };
}
