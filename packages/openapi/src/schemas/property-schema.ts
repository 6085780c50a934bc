// One DTO property's schema, read from its class-validator metadata exactly as the validation executor applies it.
import { getMetadataStorage, ValidationTypes, type ValidatorOptions } from 'class-validator';
import { constraintSchema } from './constraint-schema';
import type { JsonSchema } from './json-schema';
import { mergeSchemas } from './merge-schemas';
import { isArrayProperty, nestedClasses } from './nested-type';

type AnyClass = abstract new (...args: never[]) => object;
type Storage = ReturnType<typeof getMetadataStorage>;

/** One class-validator metadata entry (a decorator on a property), as the storage holds it. */
export type ValidationEntry = ReturnType<Storage['getTargetValidationMetadatas']>[number];

/** What a property accepts: the schema of its non-null values, and whether it may be missing or null. */
export interface PropertySchema {
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly nullable: boolean;
}

export interface PropertyContext {
  readonly target: AnyClass;
  readonly property: string;
  readonly options: Readonly<ValidatorOptions>;
  /** The schema that stands for a nested DTO class (a `$ref`). */
  readonly refFor: (type: AnyClass) => JsonSchema;
}

type Constraint = ReturnType<Storage['getTargetValidatorConstraints']>[number];

/**
 * Asks the constraint itself whether it lets `value` through: the exact answer for built-ins and user constraints
 * alike. An async answer is taken as a refusal, so the document never calls optional what may be required.
 */
function accepts(constraint: Constraint, entry: ValidationEntry, value: null | undefined, target: AnyClass): boolean {
  try {
    const verdict: unknown = constraint.instance.validate(value, {
      value,
      constraints: entry.constraints ?? [],
      targetName: target.name,
      object: {},
      property: entry.propertyName,
    });
    return typeof (verdict as { then?: unknown } | null)?.then === 'function' ? false : verdict === true;
  } catch {
    return false;
  }
}

function nestedSchema(context: PropertyContext, each: boolean): JsonSchema {
  const classes = nestedClasses(context.target, context.property);
  const element: JsonSchema =
    classes.length === 0
      ? { type: 'object' }
      : classes.length === 1
        ? context.refFor(classes[0])
        : { oneOf: classes.map(context.refFor) };
  return each || isArrayProperty(context.target, context.property) ? { type: 'array', items: element } : element;
}

/** `each: true` fragments apply to every element of an array value, or to the value itself when it is not one. */
function withEachFragments(schema: JsonSchema, itemFragments: readonly JsonSchema[]): JsonSchema {
  if (itemFragments.length === 0) return schema;
  const item = mergeSchemas(itemFragments);
  if (schema.type === 'array') return { ...schema, items: schema.items ? mergeSchemas([schema.items, item]) : item };
  return mergeSchemas([schema, { anyOf: [item, { type: 'array', items: item }] }]);
}

/**
 * The schema of one property from its metadata entries. `@IsOptional()` makes it optional and nullable; a
 * `@ValidateIf()` makes what is checked depend on the object, so nothing is claimed; otherwise it is required when
 * `@IsDefined()` or any constraint refuses `undefined`, and nullable when none refuses `null`.
 * @example propertySchema(entriesOf('name'), context) // { schema: { type: 'string', minLength: 1 }, required: true, nullable: false }
 */
export function propertySchema(entries: readonly ValidationEntry[], context: PropertyContext): PropertySchema {
  const storage = getMetadataStorage();
  const { options } = context;
  const conditions = entries.filter((entry) => entry.type === ValidationTypes.CONDITIONAL_VALIDATION);
  if (conditions.some((entry) => entry.name !== 'isOptional')) return { schema: {}, required: false, nullable: true };
  const isOptional = conditions.length > 0;
  const isDefined = entries.some((entry) => entry.type === ValidationTypes.IS_DEFINED);
  const fragments: JsonSchema[] = [];
  const itemFragments: JsonSchema[] = [];
  let refusesUndefined = false;
  let refusesNull = false;
  for (const entry of entries) {
    if (entry.type === ValidationTypes.NESTED_VALIDATION) {
      fragments.push(nestedSchema(context, entry.each === true));
      // A nested value that is null is an error ("must be either object or array"); undefined is skipped.
      refusesNull = true;
      continue;
    }
    if (entry.type !== ValidationTypes.CUSTOM_VALIDATION || entry.validateIf) continue;
    const constraints = storage.getTargetValidatorConstraints(entry.constraintCls);
    for (const constraint of constraints) {
      if (!accepts(constraint, entry, undefined, context.target)) refusesUndefined = true;
      if (!accepts(constraint, entry, null, context.target)) refusesNull = true;
    }
    const fragment =
      constraints.length === 1 ? constraintSchema(constraints[0].name, entry.constraints ?? []) : undefined;
    if (fragment) (entry.each ? itemFragments : fragments).push(fragment);
  }
  const skipsUndefined = options.skipUndefinedProperties === true || options.skipMissingProperties === true;
  const skipsNull = options.skipNullProperties === true || options.skipMissingProperties === true;
  return {
    schema: withEachFragments(mergeSchemas(fragments), itemFragments),
    required: !isOptional && (isDefined || (refusesUndefined && !skipsUndefined)),
    nullable: isOptional || (!isDefined && (skipsNull || !refusesNull)),
  };
}
