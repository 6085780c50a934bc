// Reads class-transformer's metadata for one DTO class, once at start-up: which keys plainToInstance converts, and how.
import type { Constructor } from '../metadata/constructor';
import { readDesignType } from '../metadata/design-type';
import { lineage, type TypeMetadataLike, transformerStorage } from '../metadata/transformer-storage';

/** How plainToInstance treats one value: copy it, convert it to a primitive, or build a nested DTO. */
export type ValueKind =
  | { readonly kind: 'none' }
  | { readonly kind: 'string' | 'number' | 'boolean' }
  /** A declared class the value is only "converted" to when it is an object (which the compiled check refuses). */
  | { readonly kind: 'opaque' }
  | { readonly kind: 'class'; readonly plan: TransformPlan };

/** A key whose conversion is known at start-up. */
export interface KeyPlan {
  readonly kind: ValueKind;
  /** `@Type`'s reflected type, which class-transformer instantiates for array values. */
  readonly arrayType: Constructor | undefined;
  /** class-transformer skips keys that are getter-only or methods on the class's prototype. */
  readonly skipped: boolean;
}

/** plainToInstance for one class, reduced to what its metadata says. */
export interface TransformPlan {
  readonly cls: Constructor;
  readonly keys: Map<string, KeyPlan>;
  /**
   * With implicit conversion, class-transformer looks up `design:type` for every key it meets; only the declared
   * keys were looked up at start-up, so an undeclared key sends the input back to class-transformer.
   */
  readonly closed: boolean;
}

/** The value kind for a key without type metadata. */
export const UNTYPED: ValueKind = { kind: 'none' };

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

/** A class the application wrote (not Object, nor a built-in such as Date or Map). */
export function isUserClass(value: unknown): value is Constructor {
  return typeof value === 'function' && value !== Object && !NATIVE.test(Function.prototype.toString.call(value));
}

function kindOf(type: unknown, resolveClass: (cls: Constructor) => TransformPlan | undefined): ValueKind | undefined {
  if (type === undefined || type === null) return UNTYPED;
  if (type === String) return { kind: 'string' };
  if (type === Number) return { kind: 'number' };
  if (type === Boolean) return { kind: 'boolean' };
  // Dates and Buffers are rebuilt by class-transformer; the compiled check does not reproduce that.
  if (type === Date || type === Buffer || typeof type !== 'function') return undefined;
  if (!isUserClass(type)) return { kind: 'opaque' };
  const plan = resolveClass(type);
  return plan ? { kind: 'class', plan } : undefined;
}

function typeOf(metadata: TypeMetadataLike): unknown {
  // A type function that reads its argument (a discriminator by hand) can only be answered per value.
  if (!metadata.typeFunction) return metadata.reflectedType;
  if (metadata.typeFunction.length > 0) return TYPE_PER_VALUE;
  return metadata.typeFunction();
}

const TYPE_PER_VALUE = Symbol('typePerValue');

function arrayTypeOf(metadata: TypeMetadataLike | undefined): Constructor | undefined | null {
  const reflected = metadata?.reflectedType;
  if (reflected === undefined) return undefined;
  // A Set or a Map changes what plainToInstance builds (a Set, or a Map walk); class-transformer keeps those.
  if (reflected === Set || reflected === Map || typeof reflected !== 'function') return null;
  return reflected as Constructor;
}

/**
 * Fills `plan.keys` for `names` (the validated properties) and every key with `@Type` metadata; false when the class
 * uses class-transformer features the compiled check does not reproduce (`@Expose`, `@Exclude`, `@Transform`,
 * discriminators, Map/Set/Date/Buffer types) or a nested class that is not supported.
 * @example fillTransformPlan(plan, ['name', 'age'], false, (cls) => planner.plan(cls))
 */
export function fillTransformPlan(
  plan: TransformPlan,
  names: readonly string[],
  implicit: boolean,
  resolveClass: (cls: Constructor) => TransformPlan | undefined,
): boolean {
  const storage = transformerStorage;
  if (!storage) return false;
  const classes = lineage(plan.cls);
  const typed = new Map<string, TypeMetadataLike>();
  for (const cls of classes) {
    if (storage._transformMetadatas.get(cls)?.size) return false;
    if (storage._exposeMetadatas.get(cls)?.size) return false;
    if (storage._excludeMetadatas.get(cls)?.size) return false;
    // The class's own @Type wins over an ancestor's, as class-transformer's findMetadata decides.
    for (const [key, metadata] of storage._typeMetadatas.get(cls) ?? []) if (!typed.has(key)) typed.set(key, metadata);
  }
  const prototype: object = plan.cls.prototype;
  for (const key of new Set([...names, ...typed.keys()])) {
    const metadata = typed.get(key);
    if (metadata?.options?.discriminator) return false;
    const arrayType = arrayTypeOf(metadata);
    if (arrayType === null) return false;
    const declared = metadata ? typeOf(metadata) : implicit ? readDesignType(prototype, key) : undefined;
    if (declared === TYPE_PER_VALUE) return false;
    const kind = kindOf(declared, resolveClass);
    if (!kind) return false;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
    plan.keys.set(key, { kind, arrayType, skipped: descriptor !== undefined && !descriptor.set });
  }
  return true;
}
