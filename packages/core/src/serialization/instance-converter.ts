// instanceToPlain from per-class plans: the same plain object class-transformer builds, without its per-key lookups.
import { type ClassTransformOptions, instanceToPlain } from 'class-transformer';
import type { SerializationOptions } from '../metadata/serialization-metadata';
import type { TransformerStorage } from '../metadata/transformer-storage';
import { compileInstanceCopy, type InstanceCopy } from './instance-copy';
import { type InstancePlan, type KeyRule, planInstance } from './instance-plan';
import { CLASS_TO_PLAIN, passesPrefixes, toTransformOptions } from './serialization-settings';

type Target = abstract new (...args: never[]) => unknown;
type Bag = Record<string, unknown>;

/** Thrown inside a conversion that met a value only class-transformer reproduces; the whole value is redone by it. */
const BAIL_OUT: unique symbol = Symbol('corbel.instanceConverter.bailOut');
/** Cached for a class whose metadata only class-transformer reproduces. */
const UNPLANNED: unique symbol = Symbol('corbel.instanceConverter.unplanned');

/** What is cached per class: its plan, and the plain copy compiled for it when the plan allows one. */
interface PlannedClass {
  readonly plan: InstancePlan;
  readonly copy: InstanceCopy | undefined;
  /**
   * Its instances take none of class-transformer's special branches (arrays, sets, maps, dates, buffers, promises),
   * so the copy may run first, before the branches are tested.
   */
  readonly isOrdinary: boolean;
}

const SPECIAL_CLASSES: readonly (abstract new (...args: never[]) => unknown)[] = [
  Array,
  Set,
  Map,
  Date,
  Buffer,
  Promise,
];

function isOrdinaryClass(target: unknown): boolean {
  if (typeof target !== 'function') return false;
  const prototype: unknown = target.prototype;
  if (typeof prototype !== 'object' || prototype === null) return false;
  if (SPECIAL_CLASSES.some((special) => target === special || prototype instanceof special)) return false;
  return typeof (prototype as { then?: unknown }).then !== 'function';
}

function isThenable(value: object): boolean {
  return typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Converts instances to plain objects exactly as `instanceToPlain(value, options)` does. Each class is planned once
 * (on first sight) and cached by constructor; a value the plans do not reproduce (a Map, a promise, a class with a
 * discriminator) sends the whole value through class-transformer itself.
 */
export class InstanceConverter {
  readonly #storage: TransformerStorage;
  readonly #options: SerializationOptions;
  readonly #transformOptions: ClassTransformOptions;
  /** Options the plans do not reproduce keep every value on class-transformer. */
  readonly #isPlanned: boolean;
  readonly #plans = new WeakMap<object, PlannedClass | typeof UNPLANNED>();
  readonly #plainPlan: PlannedClass;

  constructor(storage: TransformerStorage, options: SerializationOptions) {
    this.#storage = storage;
    this.#options = options;
    this.#transformOptions = toTransformOptions(options);
    this.#isPlanned = !options.enableCircularCheck && !options.ignoreDecorators;
    this.#plainPlan = this.#planned(planInstance(storage, undefined, this.#transformOptions) as InstancePlan);
  }

  /**
   * The plain object class-transformer makes of `value`.
   * @example converter.toPlain(new UserEntity()) // { id: 1, name: 'Ada' } — without the @Exclude()d password
   */
  toPlain(value: unknown): unknown {
    if (!this.#isPlanned) return instanceToPlain(value, this.#options as ClassTransformOptions);
    if (typeof value === 'object' && value !== null) {
      // The usual answer: an entity already planned, whose copy needs none of the branches of #convert.
      const planned = this.#plans.get((value as Bag).constructor as object);
      if (planned !== undefined && planned !== UNPLANNED && planned.isOrdinary && planned.copy !== undefined) {
        const copied = planned.copy(value);
        if (copied !== undefined) return copied;
      }
    }
    try {
      return this.#convert(value, undefined);
    } catch (failure) {
      if (failure !== BAIL_OUT) throw failure;
      return instanceToPlain(value, this.#options as ClassTransformOptions);
    }
  }

  /** class-transformer's `transform` for the CLASS_TO_PLAIN direction, branch for branch. */
  #convert(value: unknown, type: unknown): unknown {
    // Most values of an entity: a primitive with no @Type passes every branch below unchanged.
    if (type === undefined && (typeof value !== 'object' || value === null)) return value;
    if (Array.isArray(value) || value instanceof Set) {
      const items: unknown[] = [];
      // forEach, as class-transformer: the holes of a sparse array are skipped, not turned into undefined.
      value.forEach((item: unknown) => {
        if (item instanceof Map) throw BAIL_OUT;
        items.push(this.#convert(item, type));
      });
      return items;
    }
    if (type === String) return value === null || value === undefined ? value : String(value);
    if (type === Number) return value === null || value === undefined ? value : Number(value);
    if (type === Boolean) return value === null || value === undefined ? value : Boolean(value);
    if (type === Date || value instanceof Date) {
      if (value instanceof Date) return new Date(value.valueOf());
      return value === null || value === undefined ? value : new Date(value as string);
    }
    if (type === Buffer || value instanceof Buffer) {
      return value === null || value === undefined ? value : Buffer.from(value as Buffer);
    }
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof Map || isThenable(value)) throw BAIL_OUT;
    let target = type;
    const guessed: unknown = (value as Bag).constructor;
    // class-transformer guesses the class from the value; an object claiming Array without being one stays plain.
    if (!target && guessed !== Object && !(guessed === Array && !Array.isArray(value))) target = guessed;
    return this.#convertObject(value as Bag, this.#planOf(target));
  }

  #planned(plan: InstancePlan, target?: unknown): PlannedClass {
    return { plan, copy: compileInstanceCopy(plan, this.#transformOptions), isOrdinary: isOrdinaryClass(target) };
  }

  #planOf(target: unknown): PlannedClass {
    if (target === undefined || target === null) return this.#plainPlan;
    if (typeof target !== 'function' || typeof target.prototype !== 'object' || target.prototype === null) {
      // class-transformer throws reading its ancestors; let it.
      throw BAIL_OUT;
    }
    let planned = this.#plans.get(target);
    if (planned === undefined) {
      const plan = planInstance(this.#storage, target as Target, this.#transformOptions);
      planned = plan === undefined ? UNPLANNED : this.#planned(plan, target);
      this.#plans.set(target, planned);
    }
    if (planned === UNPLANNED) throw BAIL_OUT;
    return planned;
  }

  #convertObject(value: Bag, { plan, copy }: PlannedClass): Bag {
    const copied = copy === undefined ? undefined : copy(value);
    if (copied !== undefined) return copied;
    const plain: Bag = {};
    if (plan.readsOwnKeys) {
      const own = Object.keys(value);
      // Decided before any key is read: class-transformer lists every key first, then walks the list.
      const extra = plan.listed.length === 0 ? plan.listed : plan.listed.filter((key) => !own.includes(key));
      for (let index = 0; index < own.length; index++) this.#convertKey(value, own[index], plan, plain);
      for (let index = 0; index < extra.length; index++) this.#convertKey(value, extra[index], plan, plain);
    } else {
      for (let index = 0; index < plan.listed.length; index++) this.#convertKey(value, plan.listed[index], plan, plain);
    }
    return plain;
  }

  #convertKey(value: Bag, key: string, plan: InstancePlan, plain: Bag): void {
    if (key === '__proto__' || key === 'constructor') return;
    const rule: KeyRule | undefined = plan.rules.get(key);
    if (rule === undefined ? !passesPrefixes(this.#transformOptions, key) : !rule.isSent) return;
    let item = value[key];
    if (item instanceof Function) item = item.call(value);
    if (item instanceof Map) throw BAIL_OUT;
    let final = item;
    if (rule !== undefined && rule.transforms.length > 0) {
      final = value[key];
      for (const transform of rule.transforms) {
        final = transform({ value: final, key, obj: value, type: CLASS_TO_PLAIN, options: this.#transformOptions });
      }
      // As class-transformer: a transform that changed nothing leaves the value read (and called) before it.
      if (value[key] === final) final = item;
      if (final instanceof Map) throw BAIL_OUT;
    }
    const converted = this.#convert(final, rule?.type);
    if (converted !== undefined || this.#transformOptions.exposeUnsetFields) plain[rule?.output ?? key] = converted;
  }
}
