// class-transformer's metadata storage, typed and shape-checked: the singleton its own transforms read.

/** A `@Type` entry as class-transformer stores it. */
export interface TypeMetadataLike {
  readonly reflectedType?: unknown;
  readonly typeFunction?: (options?: unknown) => unknown;
  readonly options?: { readonly discriminator?: unknown; readonly keepDiscriminatorProperty?: boolean };
}

/** An `@Expose` or `@Exclude` entry (`propertyName` undefined for the class-level decorator). */
export interface ExposeMetadataLike {
  readonly target: unknown;
  readonly propertyName: string | undefined;
  readonly options?: {
    readonly name?: string;
    readonly groups?: readonly string[];
    readonly since?: number;
    readonly until?: number;
    readonly toClassOnly?: boolean;
    readonly toPlainOnly?: boolean;
  };
}

/** What a `@Transform` function receives. */
export interface TransformFnParams {
  readonly value: unknown;
  readonly key: string;
  readonly obj: unknown;
  readonly type: number;
  readonly options: unknown;
}

/** A `@Transform` entry. */
export interface TransformMetadataLike {
  readonly transformFn: (params: TransformFnParams) => unknown;
  readonly options?: {
    readonly groups?: readonly string[];
    readonly since?: number;
    readonly until?: number;
    readonly toClassOnly?: boolean;
    readonly toPlainOnly?: boolean;
  };
}

/** class-transformer's storage: its fields are not public, so their shape is checked before use. */
export interface TransformerStorage {
  readonly _typeMetadatas: Map<unknown, Map<string, TypeMetadataLike>>;
  readonly _transformMetadatas: Map<unknown, Map<unknown, unknown>>;
  readonly _exposeMetadatas: Map<unknown, Map<unknown, unknown>>;
  readonly _excludeMetadatas: Map<unknown, Map<unknown, unknown>>;
  getStrategy(target: unknown): 'excludeAll' | 'exposeAll' | 'none';
  getExposedProperties(target: unknown, transformationType: number): string[];
  getExcludedProperties(target: unknown, transformationType: number): string[];
  findExposeMetadata(target: unknown, propertyName: string): ExposeMetadataLike | undefined;
  findTypeMetadata(target: unknown, propertyName: string): TypeMetadataLike | undefined;
  findTransformMetadatas(target: unknown, propertyName: string, transformationType: number): TransformMetadataLike[];
}

const METHODS = [
  'getStrategy',
  'getExposedProperties',
  'getExcludedProperties',
  'findExposeMetadata',
  'findTypeMetadata',
  'findTransformMetadatas',
] as const;

function loadTransformerStorage(): TransformerStorage | undefined {
  // The same module instance instanceToPlain and plainToInstance read: class-transformer/cjs/storage is its singleton.
  const loaded = require('class-transformer/cjs/storage') as { defaultMetadataStorage?: Record<string, unknown> };
  const storage = loaded.defaultMetadataStorage;
  if (
    !storage ||
    !(storage._typeMetadatas instanceof Map) ||
    !(storage._transformMetadatas instanceof Map) ||
    !(storage._exposeMetadatas instanceof Map) ||
    !(storage._excludeMetadatas instanceof Map) ||
    METHODS.some((method) => typeof storage[method] !== 'function')
  ) {
    return undefined;
  }
  return storage as unknown as TransformerStorage;
}

/** class-transformer's storage, or undefined when its shape is not the one this code was written against. */
export const transformerStorage = loadTransformerStorage();

/**
 * A class and its ancestors, walked exactly as class-transformer's getAncestors walks them (the class first).
 * @example lineage(AdminDto) // [AdminDto, UserDto]
 */
export function lineage<T extends abstract new (...args: never[]) => unknown>(cls: T): T[] {
  const classes = [cls];
  for (
    let base = Object.getPrototypeOf(cls.prototype.constructor);
    typeof base.prototype !== 'undefined';
    base = Object.getPrototypeOf(base.prototype.constructor)
  ) {
    classes.push(base);
  }
  return classes;
}

/**
 * The four maps class-transformer's decorators write, each keyed by class: @Expose, @Exclude, @Transform, @Type.
 * @example metadataMaps(storage).some((map) => map.has(UserEntity))
 */
export function metadataMaps(storage: TransformerStorage): readonly Map<unknown, Map<unknown, unknown>>[] {
  return [storage._exposeMetadatas, storage._excludeMetadatas, storage._transformMetadatas, storage._typeMetadatas];
}

/**
 * The property names class-transformer's decorators name on `cls` itself (not its ancestors), in the order they
 * were recorded.
 * @example ownDecoratedProperties(storage, UserEntity) // ['password', 'email']
 */
export function ownDecoratedProperties(storage: TransformerStorage, cls: unknown): string[] {
  const names = new Set<string>();
  for (const map of metadataMaps(storage)) {
    for (const key of map.get(cls)?.keys() ?? []) if (typeof key === 'string') names.add(key);
  }
  return [...names];
}
