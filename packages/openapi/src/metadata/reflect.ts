// The thin typed wrapper over reflect-metadata that every openapi metadata module goes through.
import 'reflect-metadata';

type MetadataKey = symbol | string;
type MemberKey = string | undefined;

export function writeMetadata<T>(key: MetadataKey, value: T, target: object, member?: MemberKey): void {
  if (member === undefined) Reflect.defineMetadata(key, value, target);
  else Reflect.defineMetadata(key, value, target, member);
}

/** Own metadata only: a subclass does not silently inherit its parent's documentation. */
export function readOwnMetadata<T>(key: MetadataKey, target: object, member?: MemberKey): T | undefined {
  return (member === undefined ? Reflect.getOwnMetadata(key, target) : Reflect.getOwnMetadata(key, target, member)) as
    | T
    | undefined;
}

export function readMetadata<T>(key: MetadataKey, target: object, member?: MemberKey): T | undefined {
  return (member === undefined ? Reflect.getMetadata(key, target) : Reflect.getMetadata(key, target, member)) as
    | T
    | undefined;
}
