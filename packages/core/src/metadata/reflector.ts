// Reflector: NestJS's reader of @SetMetadata values, injectable everywhere, and its typed decorators.
import type { MetadataKey } from '../pipeline/execution-context';
import { defineCustomMetadata, readCustomMetadata } from './pipeline-metadata';

/**
 * A decorator made by `Reflector.createDecorator<T>()`: `@Roles(['admin'])` on a class or method records the value
 * under `Roles.KEY`, which `reflector.get(Roles, target)` and `context.getMetadata(Roles.KEY)` read.
 * @example export const Roles = Reflector.createDecorator<string[]>(); // @Roles(['admin'])
 */
export interface ReflectableDecorator<T, R = T> {
  (value: T): ClassDecorator & MethodDecorator;
  readonly KEY: MetadataKey;
  /** The type of the value read back; never set at run time. */
  readonly valueType?: R;
}

/**
 * The options of `Reflector.createDecorator`: the key to record under (default a unique symbol), and a function
 * turning the decorator's argument into the value recorded.
 * @example Reflector.createDecorator<string, string[]>({ key: 'roles', transform: (role) => [role] })
 */
export interface CreateDecoratorOptions<T, R> {
  readonly key?: MetadataKey;
  readonly transform?: (value: T) => R;
}

type KeyOrDecorator<T> = MetadataKey | ReflectableDecorator<never, T>;

function keyOf(key: KeyOrDecorator<unknown>): MetadataKey {
  return typeof key === 'function' ? key.KEY : key;
}

function isMergeable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the values @SetMetadata (or a `createDecorator` decorator) recorded on a class or a handler method. It is a
 * built-in provider: inject it anywhere (`constructor(private readonly reflector: Reflector) {}`). Give it
 * `context.getHandler()` and `context.getClass()`.
 * @example
 * const roles = this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()]);
 */
export class Reflector {
  /**
   * A decorator that records its argument (through `transform` when given) on a class or method.
   * @example export const Roles = Reflector.createDecorator<string[]>();
   */
  static createDecorator<T, R = T>(options: CreateDecoratorOptions<T, R> = {}): ReflectableDecorator<T, R> {
    const key = options.key ?? Symbol('corbel.reflectableDecorator');
    const transform = options.transform;
    const decorator = (value: T) =>
      ((target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor) => {
        const recorded = transform ? transform(value) : value;
        recordMetadata(target, propertyKey, descriptor, key, recorded);
      }) as ClassDecorator & MethodDecorator;
    return Object.assign(decorator, { KEY: key });
  }

  /**
   * The value recorded under `key` (a key, or a decorator from `createDecorator`) on `target` (a class, or a
   * handler method from `context.getHandler()`); undefined when none was.
   * @example this.reflector.get(Roles, context.getHandler())
   */
  get<T = unknown>(key: KeyOrDecorator<T>, target: object): T | undefined {
    // A gateway without handleConnection has no handshake handler: nothing was recorded on it.
    if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return undefined;
    return readCustomMetadata(target).get(keyOf(key)) as T | undefined;
  }

  /**
   * The value on each target, in order (undefined where none was recorded).
   * @example this.reflector.getAll(Roles, [context.getHandler(), context.getClass()]) // [['admin'], undefined]
   */
  getAll<T = unknown>(key: KeyOrDecorator<T>, targets: readonly object[]): (T | undefined)[] {
    return targets.map((target) => this.get(key, target));
  }

  /**
   * The first value found along `targets`: give the handler first so a method's value overrides its class's.
   * @example this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()])
   */
  getAllAndOverride<T = unknown>(key: KeyOrDecorator<T>, targets: readonly object[]): T | undefined {
    for (const target of targets) {
      const value = this.get(key, target);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /**
   * Every value found along `targets`, merged: arrays are concatenated, objects spread (later ones win), and
   * anything else collected into an array; an empty array when none was recorded.
   * @example this.reflector.getAllAndMerge(Roles, [context.getHandler(), context.getClass()]) // ['admin', 'user']
   */
  getAllAndMerge<T = unknown>(key: KeyOrDecorator<T>, targets: readonly object[]): T {
    const values = this.getAll(key, targets).filter((value) => value !== undefined);
    if (values.length === 0) return [] as T;
    if (values.length === 1) return (isMergeable(values[0]) || Array.isArray(values[0]) ? values[0] : [values[0]]) as T;
    let merged: unknown = values[0];
    for (const value of values.slice(1)) {
      if (Array.isArray(merged)) merged = merged.concat(value);
      else if (isMergeable(merged) && isMergeable(value)) merged = { ...merged, ...value };
      else merged = [merged, value];
    }
    return merged as T;
  }
}

/**
 * Records a value for `context.getMetadata` (on the class, or the prototype and method name) and for `Reflector`
 * (on the class, or on the method function itself, which is what `getHandler()` gives).
 * @example recordMetadata(prototype, 'create', descriptor, 'roles', ['admin']);
 */
export function recordMetadata(
  target: object,
  propertyKey: string | symbol | undefined,
  descriptor: PropertyDescriptor | undefined,
  key: MetadataKey,
  value: unknown,
): void {
  if (propertyKey === undefined) {
    defineCustomMetadata(target, undefined, key, value);
    return;
  }
  defineCustomMetadata(target, String(propertyKey), key, value);
  const method: unknown = descriptor?.value;
  if (typeof method === 'function') defineCustomMetadata(method, undefined, key, value);
}
