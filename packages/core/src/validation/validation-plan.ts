// Reads class-validator's metadata for one class, once at start-up, into the plan the compiled check walks.
import {
  getMetadataStorage,
  ValidationTypes,
  type ValidatorConstraintInterface,
  type ValidatorOptions,
} from 'class-validator';
import type { AnyClass } from '../metadata/constructor';
import { withCommonEmailFastPath } from './common-email';
import { SUPPORTED_CONSTRAINTS } from './supported-constraints';

type Storage = ReturnType<typeof getMetadataStorage>;

/** One class-validator metadata entry (a decorator on a property), as the storage holds it. */
export type ValidationMetadataEntry = ReturnType<Storage['getTargetValidationMetadatas']>[number];

/** `@IsOptional()` / `@ValidateIf()`: the property is validated only when every condition is truthy. */
export type Condition = (object: object, value: unknown) => unknown;

/** A constraint and the instance class-validator itself would run for it. */
export interface ConstraintPlan {
  readonly metadata: ValidationMetadataEntry;
  /** The error `type`: the constraint's name (`isEmail`). */
  readonly type: string;
  readonly constraint: ValidatorConstraintInterface;
}

/** A property's metadata, sorted as class-validator's executor sorts it on every call. */
export interface PropertyPlan {
  readonly name: string;
  /** The property as `loc` reports it: digits become a number, as the kui flattening does. */
  readonly locKey: string | number;
  readonly conditions: readonly Condition[];
  readonly defined: readonly ConstraintPlan[];
  readonly custom: readonly ConstraintPlan[];
  readonly nested: readonly ValidationMetadataEntry[];
  /** What runs on each element when the value is an array: the nested metadata only, as class-validator does. */
  readonly element: PropertyPlan;
}

/** Everything class-validator's executor derives from a class's metadata, computed once. */
export interface ValidationPlan {
  /** `object.constructor.name`, which class-validator passes to messages as `$target`. */
  readonly targetName: string;
  readonly hasMetadata: boolean;
  /** class-validator's own grouping object, kept as it is: the whitelist test reads it the same way. */
  readonly grouped: Readonly<Record<string, readonly ValidationMetadataEntry[] | undefined>>;
  readonly properties: readonly PropertyPlan[];
}

/**
 * The `loc` key for a property name, as kui flattening writes it.
 * @example toLocKey('3') // 3; toLocKey('name') // 'name'
 */
export function toLocKey(property: string): string | number {
  return /^\d+$/.test(property) ? Number(property) : property;
}

function planConstraint(storage: Storage, metadata: ValidationMetadataEntry): ConstraintPlan | undefined {
  const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.length !== 1) return undefined;
  const [constraint] = constraints;
  if (constraint.async || !SUPPORTED_CONSTRAINTS.has(constraint.name)) return undefined;
  const isPlainEmail = constraint.name === 'isEmail' && metadata.constraints?.[0] === undefined;
  const instance = isPlainEmail ? withCommonEmailFastPath(constraint.instance) : constraint.instance;
  return { metadata, type: constraint.name || metadata.type, constraint: instance };
}

function planProperty(
  storage: Storage,
  name: string,
  metadatas: readonly ValidationMetadataEntry[],
): PropertyPlan | undefined {
  const conditions: Condition[] = [];
  const defined: ConstraintPlan[] = [];
  const custom: ConstraintPlan[] = [];
  const nested: ValidationMetadataEntry[] = [];
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.WHITELIST:
        break;
      case ValidationTypes.CONDITIONAL_VALIDATION: {
        const condition: unknown = metadata.constraints?.[0];
        if (typeof condition !== 'function') return undefined;
        conditions.push(condition as Condition);
        break;
      }
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION: {
        const plan = planConstraint(storage, metadata);
        if (!plan) return undefined;
        (metadata.type === ValidationTypes.IS_DEFINED ? defined : custom).push(plan);
        break;
      }
      case ValidationTypes.NESTED_VALIDATION:
        if (typeof metadata.target !== 'function') return undefined;
        nested.push(metadata);
        break;
      default:
        // promiseValidation and anything newer: class-validator keeps those.
        return undefined;
    }
  }
  // Elements of an element (arrays of arrays) run the same nested metadata again.
  const element: { -readonly [K in keyof PropertyPlan]: PropertyPlan[K] } = {
    name,
    locKey: 0,
    conditions: [],
    defined: [],
    custom: [],
    nested,
    element: undefined as unknown as PropertyPlan,
  };
  element.element = element;
  return { name, locKey: toLocKey(name), conditions, defined, custom, nested, element };
}

/**
 * class-validator's view of `cls` under these options, or undefined when a constraint is not one the compiled check
 * reproduces. The metadata is read here once; class-validator reads and filters it again on every call.
 * @example planValidation(CreateUserDto, { whitelist: true })?.properties.map((p) => p.name) // ['name', 'email', 'age']
 */
export function planValidation(cls: AnyClass, options: ValidatorOptions): ValidationPlan | undefined {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(
    cls as unknown as () => void,
    '',
    options.always || false,
    options.strictGroups || false,
    options.groups,
  );
  let grouped: Record<string, ValidationMetadataEntry[]>;
  try {
    grouped = storage.groupByPropertyName(metadatas);
  } catch {
    // A property named like an Object.prototype method breaks class-validator's grouping; it throws per call.
    return undefined;
  }
  const properties: PropertyPlan[] = [];
  for (const name of Object.keys(grouped)) {
    const property = planProperty(storage, name, grouped[name]);
    if (!property) return undefined;
    properties.push(property);
  }
  return { targetName: cls.name, hasMetadata: metadatas.length > 0, grouped, properties };
}
