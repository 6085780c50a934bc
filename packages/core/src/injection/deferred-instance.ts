// Stands in, synchronously, for an instance whose dependencies come from async factories still being awaited.
import type { Constructor } from '../metadata/constructor';

/** Where the real instance lands once its async dependencies settle. */
export interface InstanceSlot<T> {
  value: T | undefined;
}

function notReady(type: Constructor, key: PropertyKey): Error {
  return new Error(
    `${type.name}.${String(key)} was called before ${type.name} could be created: its async providers are still ` +
      'being awaited; await app.init() (listen() and inject() do) before serving requests through app.handler',
  );
}

/**
 * A proxy for `type` that forwards to `slot.value` once it is set. Methods run with the real instance as `this`
 * (so `#private` fields work); one read before a method is called (a route taking `instance[name]` at start-up)
 * gets a function that forwards at call time. Only apps with async factories ever see one.
 */
export function deferredInstance<T extends object>(type: Constructor<T>, slot: InstanceSlot<T>): T {
  const prototype = type.prototype as object;
  return new Proxy(Object.create(prototype) as T, {
    get(_target, key) {
      if (key === 'constructor') return type;
      const real = slot.value;
      if (real !== undefined) {
        const value: unknown = Reflect.get(real, key, real);
        return typeof value === 'function' ? value.bind(real) : value;
      }
      const method: unknown = Reflect.get(prototype, key);
      if (typeof method !== 'function') return undefined;
      return (...args: unknown[]) => {
        const instance = slot.value;
        if (instance === undefined) throw notReady(type, key);
        return Reflect.apply(method, instance, args);
      };
    },
    set(_target, key, value) {
      const real = slot.value;
      if (real === undefined) throw notReady(type, key);
      return Reflect.set(real, key, value, real);
    },
    has(_target, key) {
      return slot.value === undefined ? key in prototype : key in slot.value;
    },
  });
}
