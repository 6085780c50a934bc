// Builds a DTO instance from JSON-shaped input exactly as class-transformer's plainToInstance would, from a plan.
import type { Constructor } from '../metadata/constructor';
import { BAIL_OUT } from './compiled-bail-out';
import { type TransformPlan, UNTYPED, type ValueKind } from './transform-plan';

type Bag = Record<string, unknown>;

/** Getter-only properties and methods of the target's prototype are never assigned by class-transformer. */
function isSkippedByPrototype(prototype: object, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  return descriptor !== undefined && !descriptor.set;
}

/** Plain objects (from JSON or a query string) are the only objects reproduced; anything else bails out. */
function requirePlain(value: object): void {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw BAIL_OUT;
}

function instantiateArrayType(arrayType: Constructor): unknown[] {
  const array: unknown = new arrayType();
  if (!(array instanceof Set) && !('push' in (array as object))) return [];
  if (!Array.isArray(array)) throw BAIL_OUT;
  return array;
}

/** class-transformer's recursive copy of a value that has no declared type. */
function copyPlain(value: Bag): Bag {
  // A "constructor" key is taken as the value's class when it is truthy; class-transformer then fails or builds it.
  const guessed: unknown = value.constructor;
  if (guessed !== Object && guessed) throw BAIL_OUT;
  const copy: Bag = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const item = value[key];
    if (isSkippedByPrototype(Object.prototype, key) || copy[key] instanceof Function) continue;
    copy[key] = convertValue(item, UNTYPED, undefined);
  }
  return copy;
}

/** One value through class-transformer's `transform`, for the kinds a plan allows. */
function convertValue(value: unknown, kind: ValueKind, arrayType: Constructor | undefined): unknown {
  const type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint') throw BAIL_OUT;
  if (type === 'object' && value !== null) {
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) throw BAIL_OUT;
      const items = arrayType === undefined ? [] : instantiateArrayType(arrayType);
      // forEach, not a for loop: class-transformer skips the holes of a sparse array.
      value.forEach((item: unknown) => {
        items.push(convertValue(item, kind, undefined));
      });
      return items;
    }
    requirePlain(value as object);
  }
  switch (kind.kind) {
    case 'string':
      return value === null || value === undefined ? value : String(value);
    case 'number':
      return value === null || value === undefined ? value : Number(value);
    case 'boolean':
      return value === null || value === undefined ? value : Boolean(value);
  }
  if (type !== 'object' || value === null) return value;
  // A plain object with a callable `then` is treated as a promise by class-transformer.
  if (typeof (value as Bag).then === 'function') throw BAIL_OUT;
  if (kind.kind === 'class') return buildInstance(kind.plan, value as Bag);
  if (kind.kind === 'opaque') throw BAIL_OUT;
  return copyPlain(value as Bag);
}

/**
 * `plainToInstance(plan.cls, input)` for a class whose plan the compiled check accepted: `new cls()` (so field
 * initialisers run), then each input key in input order, converted by its declared kind.
 * @example buildInstance(plan, { name: 'Ada', age: 36 }) // CreateUserDto { name: 'Ada', age: 36 }
 */
export function buildInstance(plan: TransformPlan, input: object): object {
  requirePlain(input);
  const source = input as Bag;
  if (typeof source.then === 'function') throw BAIL_OUT;
  const keys = Object.keys(source);
  if (plan.closed) {
    for (const key of keys) {
      if (!plan.keys.has(key) && key !== '__proto__' && key !== 'constructor') throw BAIL_OUT;
    }
  }
  const instance = new plan.cls() as Bag;
  // A constructor that returns another object leaves the plan's class; class-transformer follows that object.
  if (instance.constructor !== plan.cls) throw BAIL_OUT;
  const prototype: object = plan.cls.prototype;
  for (const key of keys) {
    if (key === '__proto__' || key === 'constructor') continue;
    const known = plan.keys.get(key);
    const item = source[key];
    if (known === undefined ? isSkippedByPrototype(prototype, key) : known.skipped) continue;
    if (instance[key] instanceof Function) continue;
    instance[key] =
      known === undefined
        ? convertValue(item, UNTYPED, undefined)
        : convertValue(item, known.kind, Array.isArray(item) ? known.arrayType : undefined);
  }
  return instance;
}
