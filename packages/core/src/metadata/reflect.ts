// The thin typed wrapper over reflect-metadata that every metadata module goes through (plugins' included: core
// exports it, so @corbel/ws and @corbel/openapi record their decorators the same way).
import 'reflect-metadata';

type MetadataKey = symbol | string;
type MemberKey = string | symbol | undefined;

/**
 * Records `value` under `key` on a class (`member` undefined) or one of its members: what a decorator does, and all
 * it does.
 * @example writeMetadata(GATEWAY_PATH, '/chat', ChatGateway);
 */
export function writeMetadata<T>(key: MetadataKey, value: T, target: object, member?: MemberKey): void {
  if (member === undefined) Reflect.defineMetadata(key, value, target);
  else Reflect.defineMetadata(key, value, target, member);
}

/**
 * Own metadata only: a subclass does not silently inherit its parent's routes, filters or documentation.
 * @example readOwnMetadata<string>(GATEWAY_PATH, ChatGateway) // '/chat'
 */
export function readOwnMetadata<T>(key: MetadataKey, target: object, member?: MemberKey): T | undefined {
  return (member === undefined ? Reflect.getOwnMetadata(key, target) : Reflect.getOwnMetadata(key, target, member)) as
    | T
    | undefined;
}

/**
 * Metadata of `target` or, failing that, of its prototype chain (inherited).
 * @example readMetadata<unknown[]>('design:paramtypes', UsersController.prototype, 'findOne')
 */
export function readMetadata<T>(key: MetadataKey, target: object, member?: MemberKey): T | undefined {
  return (member === undefined ? Reflect.getMetadata(key, target) : Reflect.getMetadata(key, target, member)) as
    | T
    | undefined;
}

/** True when any metadata (ours or another library's) was recorded on `target` itself. */
export function hasOwnMetadata(target: object): boolean {
  return Reflect.getOwnMetadataKeys(target).length > 0;
}
