// What @SerializeOptions records on a class or method: class-transformer's options for answers, as plain data.
import { SERIALIZE_OPTIONS } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/**
 * class-transformer's `instanceToPlain` options that shape answers, as `@SerializeOptions` and
 * `createApp({ serialization })` take them.
 */
export interface SerializationOptions {
  /** Only `@Expose({ groups })` properties of these groups (and properties with no groups) are sent. */
  readonly groups?: readonly string[];
  /** `'excludeAll'` sends only `@Expose()`d properties; `'exposeAll'` (the default) sends all but `@Exclude()`d. */
  readonly strategy?: 'exposeAll' | 'excludeAll';
  /** Send only `@Expose()`d properties, whatever the strategy. */
  readonly excludeExtraneousValues?: boolean;
  /** Keep properties whose value is `undefined` in the plain object (JSON drops them either way). */
  readonly exposeUnsetFields?: boolean;
  /** Compared with `@Expose({ since, until })`. */
  readonly version?: number;
  /** Properties whose names start with one of these are not sent (`['_']` drops `_internal`). */
  readonly excludePrefixes?: readonly string[];
  /** class-transformer skips values it already met on the way down instead of recursing forever. */
  readonly enableCircularCheck?: boolean;
  /** class-transformer ignores @Expose/@Exclude (its @Transform functions still run). */
  readonly ignoreDecorators?: boolean;
}

export function defineSerializeOptions(target: object, member: string | undefined, options: unknown): void {
  writeMetadata(SERIALIZE_OPTIONS, options, target, member);
}

/**
 * The @SerializeOptions of a class (`member` undefined) or of one of its methods, unchecked: for plugins that must
 * refuse them where nothing would read them.
 * @example readSerializeOptions(ChatGateway.prototype, 'handleConnection') // { groups: ['admin'] } or undefined
 */
export function readSerializeOptions(target: object, member?: string): unknown {
  return readOwnMetadata<unknown>(SERIALIZE_OPTIONS, target, member);
}
