// Turns input into DTO instances with class-transformer, validates them with class-validator, reports kui-style.
import { type ClassTransformOptions, plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  type ValidationError,
  type ValidatorOptions,
  validate,
  validateSync,
} from 'class-validator';
import type { ParameterLocation, ValidationErrorEntry } from '../exceptions/request-validation-error';
import type { AnyClass } from '../metadata/constructor';
import { readDesignType } from '../metadata/design-type';
import { BAILED } from './compiled-bail-out';
import { compileDtoCheck } from './compiled-dto-check';
import { requireDtoTypeMetadata } from './dto-type-metadata';
import { resolveValidatorOptions, type ValidationSettings } from './validation-options';
import { toLocKey } from './validation-plan';

/** Validates one input against a DTO (or `[Dto]`) and returns the instance; pushes failures into `errors`. */
export type DtoCheck = (input: unknown, errors: ValidationErrorEntry[]) => unknown;

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

function metadataOf(type: AnyClass): Metadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(type as unknown as () => void, '', true, false);
}

/**
 * True when a class carries class-validator decorators (directly or inherited): such a parameter type is validated.
 * @example isDtoClass(CreateUserDto) // true; isDtoClass(String) // false
 */
export function isDtoClass(type: unknown): type is AnyClass {
  return typeof type === 'function' && metadataOf(type as AnyClass).length > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether validating this DTO may need the async validator: any custom async constraint, or nested values
 * whose class cannot be read at start-up (an array of nested DTOs), answers yes.
 */
function needsAsync(type: AnyClass, seen = new Set<AnyClass>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const storage = getMetadataStorage();
  for (const metadata of metadataOf(type)) {
    if (metadata.constraintCls && storage.getTargetValidatorConstraints(metadata.constraintCls).some((c) => c.async)) {
      return true;
    }
    if (metadata.type === 'nestedValidation') {
      const nested = readDesignType(type.prototype, metadata.propertyName);
      if (typeof nested !== 'function' || nested === Array || nested === Object) return true;
      if (needsAsync(nested as AnyClass, seen)) return true;
    }
  }
  return false;
}

function flatten(
  errors: readonly ValidationError[],
  prefix: readonly (string | number)[],
  location: ParameterLocation,
  into: ValidationErrorEntry[],
): void {
  for (const error of errors) {
    const loc = [...prefix, toLocKey(error.property)];
    for (const [type, msg] of Object.entries(error.constraints ?? {})) into.push({ loc, msg, type, in: location });
    if (error.children?.length) flatten(error.children, loc, location, into);
  }
}

function objectTypeError(loc: readonly (string | number)[], location: ParameterLocation, array: boolean) {
  return array
    ? { loc, msg: 'Input should be an array', type: 'array_type', in: location }
    : { loc, msg: 'Input should be an object', type: 'object_type', in: location };
}

/** How one check converts its input: strings implicitly (as from a URL or a form), or not at all (JSON). */
export interface DtoConversion {
  /** Default: true everywhere but in a body. */
  readonly implicitConversion?: boolean;
  /** A ValidationPipe's options: they replace the app's settings for this parameter only. */
  readonly overrides?: ValidationSettings;
}

/**
 * True when a class uses a custom async constraint (`@Validate(AsyncCheck)` with `async: true`), which only the
 * asynchronous validator runs.
 * @example hasAsyncConstraints(SignUpDto) // true when one property checks a database
 */
export function hasAsyncConstraints(type: AnyClass): boolean {
  const storage = getMetadataStorage();
  return metadataOf(type).some(
    (metadata) =>
      metadata.constraintCls !== undefined &&
      storage.getTargetValidatorConstraints(metadata.constraintCls).some((constraint) => constraint.async),
  );
}

/** How a DtoValidator validates; the compiled check is on unless a test compares it with class-validator. */
export interface DtoValidatorStrategy {
  /** Use the compiled check for DTOs whose constraints it reproduces (default true). */
  readonly compiled?: boolean;
}

/** Compiles validation for DTO parameters once per application, from `createApp({ validation })`. */
export class DtoValidator {
  readonly #settings: ValidationSettings;
  readonly #validatorOptions: ValidatorOptions;
  readonly #transformOptions: ClassTransformOptions;
  readonly #compiled: boolean;

  constructor(settings: ValidationSettings = {}, strategy: DtoValidatorStrategy = {}) {
    this.#settings = settings;
    this.#validatorOptions = resolveValidatorOptions(settings);
    this.#transformOptions = settings.transform ?? {};
    this.#compiled = strategy.compiled ?? true;
  }

  /**
   * The class-validator options every DTO is validated with, the app's settings over the defaults.
   * @example validator.validatorOptions.forbidNonWhitelisted // true when unknown properties are refused
   */
  get validatorOptions(): Readonly<ValidatorOptions> {
    // A copy: the object class-validator is given must not be changed by whoever reads this.
    return Object.freeze({ ...this.#validatorOptions });
  }

  /**
   * The check for one parameter. `loc` prefixes every entry (`['user']` for `@Body('user')`); strings from the
   * path, query, headers and cookies are converted implicitly (`'2'` → `2` for `@IsInt()`). A DTO (or one it nests)
   * whose properties have no type metadata throws `CORBEL_ERR_NO_TYPE_METADATA`; `usedBy` names the parameter there.
   * A body's strings are converted too with `{ implicitConversion: true }` (a form's).
   * `conversion.overrides` (a ValidationPipe's options) replace the app's settings for this parameter only.
   */
  compile(
    type: AnyClass | readonly [AnyClass],
    location: ParameterLocation,
    loc: (string | number)[],
    usedBy?: string,
    conversion: DtoConversion = {},
  ): DtoCheck {
    const isArray = Array.isArray(type);
    const dto = (isArray ? type[0] : type) as AnyClass;
    requireDtoTypeMetadata(dto, usedBy);
    const overrides = conversion.overrides;
    const implicit = conversion.implicitConversion ?? location !== 'body';
    const settings = overrides ? { ...this.#settings, ...overrides } : this.#settings;
    const transformOptions = overrides ? (settings.transform ?? {}) : this.#transformOptions;
    const transform: ClassTransformOptions = {
      enableImplicitConversion: implicit,
      ...transformOptions,
    };
    const options = overrides ? resolveValidatorOptions(settings) : this.#validatorOptions;
    const asynchronous = needsAsync(dto);
    // Common built-in constraints run through a check compiled from the metadata; everything else (and any input
    // the compiled check does not reproduce) goes through class-transformer and class-validator below.
    const compiled = this.#compiled ? compileDtoCheck(dto, location, options, transformOptions, implicit) : undefined;
    const report = (failures: ValidationError[], prefix: (string | number)[], errors: ValidationErrorEntry[]) =>
      flatten(failures, prefix, location, errors);

    const checkOne = (input: unknown, prefix: (string | number)[], errors: ValidationErrorEntry[]): unknown => {
      if (!isPlainObject(input)) {
        errors.push(objectTypeError(prefix, location, false));
        return undefined;
      }
      if (compiled) {
        const result = compiled(input, prefix, errors);
        if (result !== BAILED) return result;
      }
      const instance = plainToInstance(dto as new () => object, input, transform);
      if (!asynchronous) {
        report(validateSync(instance, options), prefix, errors);
        return instance;
      }
      return validate(instance, options).then((failures) => {
        report(failures, prefix, errors);
        return instance;
      });
    };

    if (!isArray) return (input, errors) => checkOne(input, loc, errors);
    return (input, errors) => {
      if (!Array.isArray(input)) {
        errors.push(objectTypeError(loc, location, true));
        return undefined;
      }
      const items = input.map((item, index) => checkOne(item, [...loc, index], errors));
      return items.some((item) => item instanceof Promise) ? Promise.all(items) : items;
    };
  }

  /**
   * The synchronous check of an answer against its `@Returns` type: the same constraints as for input, without
   * stripping properties the DTO does not validate (an `@Expose()` getter is part of an answer). Async constraints
   * are not run; refuse such DTOs before compiling (see `hasAsyncConstraints`).
   * @example const check = validator.compileAnswerCheck(UserDto); const errors: ValidationErrorEntry[] = []; check(answer, errors);
   */
  compileAnswerCheck(type: AnyClass | readonly [AnyClass]): DtoCheck {
    const isArray = Array.isArray(type);
    const dto = (isArray ? type[0] : type) as AnyClass;
    const transform: ClassTransformOptions = { enableImplicitConversion: false, ...this.#transformOptions };
    const options: ValidatorOptions = { ...this.#validatorOptions, whitelist: false, forbidNonWhitelisted: false };
    const compiled = this.#compiled ? compileDtoCheck(dto, 'body', options, this.#transformOptions) : undefined;
    const checkOne = (input: unknown, prefix: (string | number)[], errors: ValidationErrorEntry[]): unknown => {
      if (!isPlainObject(input)) {
        errors.push(objectTypeError(prefix, 'body', false));
        return undefined;
      }
      const result = compiled ? compiled(input, prefix, errors) : BAILED;
      if (result !== BAILED) return result;
      const instance = plainToInstance(dto as new () => object, input, transform);
      flatten(validateSync(instance, options), prefix, 'body', errors);
      return instance;
    };
    if (!isArray) return (input, errors) => checkOne(input, [], errors);
    return (input, errors) => {
      if (!Array.isArray(input)) {
        errors.push(objectTypeError([], 'body', true));
        return undefined;
      }
      // Synchronous by construction: every item is checked in place, nothing is awaited.
      for (let index = 0; index < input.length; index++) checkOne(input[index], [index], errors);
      return input;
    };
  }
}
