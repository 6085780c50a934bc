// class-validator's executor over precomputed plans, writing kui entries directly in the order flattening gives.
import type { ValidationArguments } from 'class-validator';
import type { ParameterLocation } from '../exceptions/request-validation-error';
import { BAIL_OUT } from './compiled-bail-out';
import { formatConstraintMessage } from './constraint-message';
import {
  type ConstraintPlan,
  type PropertyPlan,
  toLocKey,
  type ValidationMetadataEntry,
  type ValidationPlan,
} from './validation-plan';

type Loc = (string | number)[];

/** A kui entry under construction: a repeated constraint type rewrites its message in place, as class-validator does. */
export interface MutableEntry {
  loc: readonly (string | number)[];
  msg: string;
  type: string;
  in: ParameterLocation;
}

/** The validator options the runner reads, resolved once with class-validator's own defaults. */
export interface RunnerOptions {
  readonly whitelist: boolean;
  readonly forbidNonWhitelisted: boolean;
  readonly forbidUnknownValues: boolean;
  readonly skipUndefinedProperties: boolean;
  readonly skipNullProperties: boolean;
  readonly skipMissingProperties: boolean;
  readonly stopAtFirstError: boolean;
  readonly dismissDefaultMessages: boolean;
}

/** What stays the same for every call of one compiled check. */
export interface RunnerContext {
  readonly options: RunnerOptions;
  readonly location: ParameterLocation;
  /** The plan for each class a nested value may have (DTO classes reached through `@Type`, and Object). */
  readonly plans: ReadonlyMap<unknown, ValidationPlan>;
}

/**
 * One property's error while it is built: class-validator's `ValidationError` reduced to where its entries start,
 * how many are its own constraints (children follow them), and its `loc`. Made only when needed.
 */
interface PropertyError {
  readonly loc: Loc;
  readonly start: number;
  own: number;
}

const UNKNOWN_VALUE = 'an unknown value was passed to the validate function';

// class-validator's own test (objects only, not thenable functions): the compiled check must bail out exactly when
// class-validator would treat a constraint's result as a promise.
function isPromiseLikeObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

function errorFor(error: PropertyError | undefined, prefix: Loc, key: string | number, start: number): PropertyError {
  return error ?? { loc: [...prefix, key], start, own: 0 };
}

function addConstraint(
  error: PropertyError,
  type: string,
  msg: string,
  errors: MutableEntry[],
  context: RunnerContext,
): void {
  for (let index = error.start; index < error.start + error.own; index++) {
    const entry = errors[index];
    if (entry.type === type) {
      entry.msg = msg;
      return;
    }
  }
  errors.push({ loc: error.loc, msg, type, in: context.location });
  error.own++;
}

function argumentsFor(
  targetName: string | undefined,
  metadata: ValidationMetadataEntry,
  object: object,
  value: unknown,
): ValidationArguments {
  return {
    targetName: targetName as string,
    property: metadata.propertyName,
    object,
    value,
    constraints: metadata.constraints,
  };
}

function constraintMessage(
  plan: ConstraintPlan,
  targetName: string,
  object: object,
  value: unknown,
  context: RunnerContext,
): string {
  const { metadata, constraint } = plan;
  const args = argumentsFor(targetName, metadata, object, value);
  let message: unknown = metadata.message || '';
  if (!metadata.message && !context.options.dismissDefaultMessages && constraint.defaultMessage instanceof Function) {
    message = constraint.defaultMessage(args);
  }
  return formatConstraintMessage(message, args);
}

function isCollection(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function runConstraints(
  constraints: readonly ConstraintPlan[],
  targetName: string,
  object: object,
  value: unknown,
  error: PropertyError | undefined,
  prefix: Loc,
  key: string | number,
  start: number,
  errors: MutableEntry[],
  context: RunnerContext,
): PropertyError | undefined {
  let current = error;
  for (const plan of constraints) {
    const { metadata, constraint } = plan;
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    if (context.options.stopAtFirstError && current !== undefined && current.own > 0) continue;
    const args = argumentsFor(targetName, metadata, object, value);
    let valid: unknown;
    if (!metadata.each || !isCollection(value)) {
      valid = constraint.validate(value, args);
      // A promise from a constraint not declared async is dropped by validateSync; leave that case to it.
      if (isPromiseLikeObject(valid)) throw BAIL_OUT;
    } else {
      const items =
        value instanceof Map ? Array.from(value.values()) : Array.isArray(value) ? value : Array.from(value);
      const results = items.map((item) => constraint.validate(item, args));
      if (results.some(isPromiseLikeObject)) throw BAIL_OUT;
      valid = results.every((result) => result);
    }
    if (!valid) {
      current = errorFor(current, prefix, key, start);
      addConstraint(current, plan.type, constraintMessage(plan, targetName, object, value, context), errors, context);
    }
  }
  return current;
}

function nestedMessage(metadata: ValidationMetadataEntry, value: unknown): string {
  // class-validator passes the decorated class itself as the object here, so `$target` reads "Function".
  const target = metadata.target as object;
  const targetName = target.constructor ? target.constructor.name : undefined;
  return formatConstraintMessage(metadata.message || '', argumentsFor(targetName, metadata, target, value));
}

function validateProperty(
  object: object,
  value: unknown,
  property: PropertyPlan,
  key: string | number,
  targetName: string,
  prefix: Loc,
  errors: MutableEntry[],
  context: RunnerContext,
): void {
  const { options } = context;
  const start = errors.length;
  // Every condition runs (class-validator maps them all, then reduces).
  let canValidate: unknown = true;
  for (const condition of property.conditions) {
    const result = condition(object, value);
    canValidate = canValidate && result;
  }
  if (!canValidate) return;
  let error = runConstraints(
    property.defined,
    targetName,
    object,
    value,
    undefined,
    prefix,
    key,
    start,
    errors,
    context,
  );
  if (value === undefined && options.skipUndefinedProperties) return;
  if (value === null && options.skipNullProperties) return;
  if ((value === null || value === undefined) && options.skipMissingProperties) return;
  error = runConstraints(property.custom, targetName, object, value, error, prefix, key, start, errors, context);
  if (value === undefined) return;
  for (const metadata of property.nested) {
    if (options.stopAtFirstError && error !== undefined && error.own > 0) continue;
    if (isCollection(value)) {
      // A Map's keys would become error properties; only arrays and sets are reproduced.
      if (value instanceof Map) throw BAIL_OUT;
      const items = value instanceof Set ? Array.from(value) : value;
      error = errorFor(error, prefix, key, start);
      const loc = error.loc;
      items.forEach((item: unknown, index: number) => {
        validateProperty(value, item, property.element, index, targetName, loc, errors, context);
      });
    } else if (value instanceof Object) {
      const plan = context.plans.get(value.constructor);
      if (!plan) throw BAIL_OUT;
      error = errorFor(error, prefix, key, start);
      validateObject(value, plan, error.loc, errors, context);
    } else {
      error = errorFor(error, prefix, key, start);
      addConstraint(error, metadata.type, nestedMessage(metadata, value), errors, context);
    }
  }
}

function applyWhitelist(
  object: Record<string, unknown>,
  plan: ValidationPlan,
  prefix: Loc,
  errors: MutableEntry[],
  context: RunnerContext,
): void {
  let refused: string[] | undefined;
  for (const key of Object.keys(object)) {
    // The same test on the same grouping object: inherited names such as "toString" answer as class-validator's do.
    const metadatas = plan.grouped[key];
    if (!metadatas || metadatas.length === 0) {
      refused ??= [];
      refused.push(key);
    }
  }
  if (!refused) return;
  if (context.options.forbidNonWhitelisted) {
    for (const key of refused) {
      errors.push({
        loc: [...prefix, toLocKey(key)],
        msg: `property ${key} should not exist`,
        type: 'whitelistValidation',
        in: context.location,
      });
    }
    return;
  }
  for (const key of refused) delete object[key];
}

/**
 * Validates `object` (an instance of the plan's class) as `validateSync` would and appends the kui entries its
 * errors flatten to, under `prefix`. Throws {@link BAIL_OUT} for values outside what the plans reproduce.
 * @example validateObject(instance, plan, [], errors, context) // errors: [{ loc: ['age'], msg: 'age must not be less than 0', … }]
 */
export function validateObject(
  object: object,
  plan: ValidationPlan,
  prefix: Loc,
  errors: MutableEntry[],
  context: RunnerContext,
): void {
  if (context.options.forbidUnknownValues && !plan.hasMetadata) {
    // class-validator's error has no property; flattening writes it as undefined at the end of loc.
    errors.push({
      loc: [...prefix, undefined as unknown as string],
      msg: UNKNOWN_VALUE,
      type: 'unknownValue',
      in: context.location,
    });
    return;
  }
  const record = object as Record<string, unknown>;
  if (context.options.whitelist) applyWhitelist(record, plan, prefix, errors, context);
  for (const property of plan.properties) {
    validateProperty(
      object,
      record[property.name],
      property,
      property.locKey,
      plan.targetName,
      prefix,
      errors,
      context,
    );
  }
}
