// Reads a @Returns DTO once at start-up into the plan shaping follows: which properties, under which names, how typed.
import type { ClassTransformOptions } from 'class-transformer';
import { CorbelError } from '../errors/corbel-error';
import type { AnyClass } from '../metadata/constructor';
import { readDesignType } from '../metadata/design-type';
import type { SerializationOptions } from '../metadata/serialization-metadata';
import type { TransformerStorage, TransformFnParams, TypeMetadataLike } from '../metadata/transformer-storage';
import { isUserClass } from '../validation/transform-plan';
import { declaredProperties } from './declared-properties';
import { CLASS_TO_PLAIN, decoratorApplies, passesPrefixes, toTransformOptions } from './serialization-settings';

/** How a property's value is written: specialised for its declared type, a nested DTO, or as JSON.stringify would. */
export type ShapeKind = 'string' | 'number' | 'boolean' | 'date' | 'nested' | 'any';

export interface ShapeProperty {
  /** The property read from the answer. */
  readonly name: string;
  /**
   * The DTO's own getter or method for the property (an `@Expose()` getter), called with the answer as `this`, so it
   * computes the value from whatever the handler returned; undefined: the answer's property is read.
   */
  readonly compute: ((this: unknown) => unknown) | undefined;
  /** The key written (`@Expose({ name })`). */
  readonly output: string;
  readonly transforms: readonly ((params: TransformFnParams) => unknown)[];
  readonly kind: ShapeKind;
  /** The nested DTO's plan, for `kind: 'nested'`. */
  readonly nested: ShapePlan | undefined;
}

/** One DTO under one set of options; nested plans may point back to it (a tree of DTOs). */
export interface ShapePlan {
  readonly dto: AnyClass;
  readonly properties: readonly ShapeProperty[];
  /** What class-transformer passes @Transform functions as `options`. */
  readonly transformOptions: ClassTransformOptions;
}

/** The getter or method the DTO (or an ancestor) defines for `name`, if any. */
function computedBy(dto: AnyClass, name: string): ((this: unknown) => unknown) | undefined {
  for (let prototype = dto.prototype as object | null; prototype && prototype !== Object.prototype; ) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (descriptor) {
      if (descriptor.get) return descriptor.get;
      return typeof descriptor.value === 'function' ? descriptor.value : undefined;
    }
    prototype = Object.getPrototypeOf(prototype);
  }
  return undefined;
}

function invalid(message: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_RESPONSE_TYPE', message);
}

function describe(value: unknown): string {
  if (typeof value === 'function') return value.name || 'an anonymous function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `${typeof value} ${String(JSON.stringify(value) ?? value)}`.slice(0, 80);
}

const KINDS = new Map<unknown, ShapeKind>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Date, 'date'],
]);

/** Plans every DTO a @Returns type reaches, each once per options; a cycle reuses the plan being built. */
class ShapePlanner {
  readonly #storage: TransformerStorage;
  readonly #options: ClassTransformOptions;
  readonly #plans = new Map<AnyClass, ShapePlan>();

  constructor(storage: TransformerStorage, options: SerializationOptions) {
    this.#storage = storage;
    this.#options = toTransformOptions(options);
  }

  plan(dto: AnyClass, where: string): ShapePlan {
    const known = this.#plans.get(dto);
    if (known) return known;
    const names = declaredProperties(this.#storage, dto);
    if (names.length === 0) {
      throw invalid(
        `${where}: ${dto.name} has no declared properties; decorate the ones to send with class-validator ` +
          '(@IsString(), @IsInt(), …) or class-transformer (@Expose())',
      );
    }
    const properties: ShapeProperty[] = [];
    const plan: ShapePlan = { dto, properties, transformOptions: this.#options };
    this.#plans.set(dto, plan);
    const filter = this.#filterOf(dto);
    const outputs = new Map<string, string>();
    for (const name of names) {
      const output = filter(name);
      if (output === undefined) continue;
      const previous = outputs.get(output);
      if (previous !== undefined) {
        throw invalid(`${where}: ${dto.name}.${previous} and ${dto.name}.${name} both answer as '${output}'`);
      }
      if (output === '__proto__') throw invalid(`${where}: ${dto.name}.${name} cannot answer as '__proto__'`);
      outputs.set(output, name);
      properties.push(this.#property(dto, name, output, where));
    }
    return plan;
  }

  /** The output name of each property class-transformer's rules send under these options; undefined: dropped. */
  #filterOf(dto: AnyClass): (name: string) => string | undefined {
    const storage = this.#storage;
    const options = this.#options;
    if (options.ignoreDecorators) return (name) => (passesPrefixes(options, name) ? name : undefined);
    const ownStrategy = storage.getStrategy(dto);
    const strategy = ownStrategy === 'none' ? (options.strategy ?? 'exposeAll') : ownStrategy;
    const exposedOnly = options.excludeExtraneousValues || strategy === 'excludeAll';
    const exposed = new Set(storage.getExposedProperties(dto, CLASS_TO_PLAIN));
    const excluded = new Set(storage.getExcludedProperties(dto, CLASS_TO_PLAIN));
    return (name) => {
      if ((exposedOnly && !exposed.has(name)) || excluded.has(name) || !passesPrefixes(options, name)) return undefined;
      const expose = storage.findExposeMetadata(dto, name);
      if (!decoratorApplies(options, expose?.options)) return undefined;
      return expose?.options?.name || name;
    };
  }

  #property(dto: AnyClass, name: string, output: string, where: string): ShapeProperty {
    const transforms = this.#storage
      .findTransformMetadatas(dto, name, CLASS_TO_PLAIN)
      .filter((metadata) => decoratorApplies(this.#options, metadata.options))
      .map((metadata) => metadata.transformFn);
    const typed = this.#typeOf(dto, name, this.#storage.findTypeMetadata(dto, name), where);
    const compute = computedBy(dto, name);
    if (!isUserClass(typed)) {
      return { name, compute, output, transforms, kind: KINDS.get(typed) ?? 'any', nested: undefined };
    }
    if (declaredProperties(this.#storage, typed).length === 0) {
      // A class that decides its own JSON keeps deciding it; any other undeclared class would be sent whole.
      if ('toJSON' in typed.prototype) return { name, compute, output, transforms, kind: 'any', nested: undefined };
      throw invalid(
        `${where}: ${dto.name}.${name} is typed ${typed.name}, which has no declared properties: declare the ones ` +
          'to send (class-validator or @Expose()), or type the property as object to send it as it is',
      );
    }
    return { name, compute, output, transforms, kind: 'nested', nested: this.plan(typed, where) };
  }

  #typeOf(dto: AnyClass, name: string, metadata: TypeMetadataLike | undefined, where: string): unknown {
    const property = `${where}: ${dto.name}.${name}`;
    if (!metadata) return readDesignType(dto.prototype, name);
    if (metadata.options?.discriminator) {
      throw invalid(
        `${property} has a @Type discriminator, which decides the class per value; @Returns needs one class`,
      );
    }
    if (!metadata.typeFunction) return metadata.reflectedType;
    if (metadata.typeFunction.length > 0) {
      throw invalid(`${property}: its @Type function reads its argument, so its class is decided per value`);
    }
    try {
      return metadata.typeFunction();
    } catch (error) {
      throw invalid(`${property}: its @Type function threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * Every plan reachable from `root` through nested DTOs, root first, each once.
 * @example reachablePlans(plan).map((each) => each.dto.name) // ['UserDto', 'AddressDto']
 */
export function reachablePlans(root: ShapePlan): ShapePlan[] {
  const plans = [root];
  for (let index = 0; index < plans.length; index++) {
    for (const property of plans[index].properties) {
      if (property.nested && !plans.includes(property.nested)) plans.push(property.nested);
    }
  }
  return plans;
}

/**
 * The shaping plan of a `@Returns` type (`Dto` or `[Dto]`) under the route's serialization options. A type that is
 * not a DTO class, a DTO without declared properties, or an ambiguous nested type is a `CorbelError` naming `where`.
 * @example planReturns(storage, [UserDto], {}, '@Returns on UsersController.list') // { plan, isArray: true }
 */
export function planReturns(
  storage: TransformerStorage,
  type: unknown,
  options: SerializationOptions,
  where: string,
): { readonly plan: ShapePlan; readonly isArray: boolean } {
  const isArray = Array.isArray(type);
  if (isArray && type.length !== 1) {
    throw invalid(`${where}: expected [Dto] with exactly one class for an array, got ${describe(type)}`);
  }
  const dto: unknown = isArray ? type[0] : type;
  if (!isUserClass(dto)) {
    throw invalid(`${where}: expected a DTO class or [Dto], got ${describe(dto)}`);
  }
  return { plan: new ShapePlanner(storage, options).plan(dto, where), isArray };
}
