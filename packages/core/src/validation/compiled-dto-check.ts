// Compiles a DTO's class-transformer and class-validator metadata into one direct check, when every part is reproducible.
import type { ClassTransformOptions } from 'class-transformer';
import type { ValidatorOptions } from 'class-validator';
import type { ParameterLocation, ValidationErrorEntry } from '../exceptions/request-validation-error';
import type { AnyClass, Constructor } from '../metadata/constructor';
import { BAIL_OUT, BAILED } from './compiled-bail-out';
import { buildInstance } from './instance-builder';
import { fillTransformPlan, type TransformPlan } from './transform-plan';
import { planValidation, type ValidationPlan } from './validation-plan';
import { type MutableEntry, type RunnerContext, type RunnerOptions, validateObject } from './validation-runner';

/**
 * Validates one object input against a DTO: the instance, or {@link BAILED} when the input needs class-validator
 * itself (the entries pushed so far are then removed).
 */
export type CompiledDtoCheck = (
  input: object,
  prefix: (string | number)[],
  errors: ValidationErrorEntry[],
) => object | typeof BAILED;

/** The validator options the compiled check implements; any other key keeps the DTO on class-validator. */
const IMPLEMENTED_OPTIONS: ReadonlySet<string> = new Set([
  'whitelist',
  'forbidNonWhitelisted',
  'forbidUnknownValues',
  'skipUndefinedProperties',
  'skipNullProperties',
  'skipMissingProperties',
  'stopAtFirstError',
  'dismissDefaultMessages',
  'groups',
  'always',
  'strictGroups',
  'validationError',
  'enableDebugMessages',
]);

function runnerOptions(options: ValidatorOptions): RunnerOptions {
  // Each test is the one class-validator's executor applies to the same option.
  return {
    whitelist: Boolean(options.whitelist),
    forbidNonWhitelisted: Boolean(options.forbidNonWhitelisted),
    forbidUnknownValues: options.forbidUnknownValues === undefined || options.forbidUnknownValues !== false,
    skipUndefinedProperties: options.skipUndefinedProperties === true,
    skipNullProperties: options.skipNullProperties === true,
    skipMissingProperties: options.skipMissingProperties === true,
    stopAtFirstError: Boolean(options.stopAtFirstError),
    dismissDefaultMessages: Boolean(options.dismissDefaultMessages),
  };
}

/** Plans every class a DTO reaches through `@Type`, each once; a cycle reuses the plan being built. */
class DtoPlanner {
  readonly transformPlans = new Map<unknown, TransformPlan>();
  readonly validationPlans = new Map<unknown, ValidationPlan>();
  readonly #options: ValidatorOptions;
  readonly #implicit: boolean;

  constructor(options: ValidatorOptions, implicit: boolean) {
    this.#options = options;
    this.#implicit = implicit;
  }

  plan(cls: Constructor): TransformPlan | undefined {
    const known = this.transformPlans.get(cls);
    if (known) return known;
    const validation = planValidation(cls, this.#options);
    if (!validation) return undefined;
    this.validationPlans.set(cls, validation);
    const plan: TransformPlan = { cls, keys: new Map(), closed: this.#implicit };
    this.transformPlans.set(cls, plan);
    const names = validation.properties.map((property) => property.name);
    return fillTransformPlan(plan, names, this.#implicit, (nested) => this.plan(nested)) ? plan : undefined;
  }
}

/**
 * The compiled check for `dto` in `location`, or undefined when the DTO, its nested classes or the options use
 * anything the check does not reproduce exactly (then class-transformer and class-validator keep doing the work).
 * Metadata is read here, once; the check itself runs no reflection.
 * @example const check = compileDtoCheck(CreateUserDto, 'body', { whitelist: true }, {}); // then check(body, [], errors)
 */
export function compileDtoCheck(
  dto: AnyClass,
  location: ParameterLocation,
  validatorOptions: ValidatorOptions,
  transformOptions: ClassTransformOptions,
  implicit = location !== 'body',
): CompiledDtoCheck | undefined {
  if (Object.keys(transformOptions).length > 0) return undefined;
  if (Object.keys(validatorOptions).some((key) => !IMPLEMENTED_OPTIONS.has(key))) return undefined;
  const planner = new DtoPlanner(validatorOptions, implicit);
  const root = planner.plan(dto as unknown as Constructor);
  if (!root) return undefined;
  // Untyped nested objects are copied as plain objects; class-validator then validates them as Object.
  const objectPlan = planValidation(Object, validatorOptions);
  if (!objectPlan) return undefined;
  const plans = new Map(planner.validationPlans);
  if (!plans.has(Object)) plans.set(Object, objectPlan);
  const rootPlan = plans.get(dto) as ValidationPlan;
  const context: RunnerContext = { options: runnerOptions(validatorOptions), location, plans };

  return (input, prefix, errors) => {
    const mark = errors.length;
    try {
      const instance = buildInstance(root, input);
      validateObject(instance, rootPlan, prefix, errors as MutableEntry[], context);
      return instance;
    } catch (failure) {
      errors.length = mark;
      if (failure === BAIL_OUT) return BAILED;
      throw failure;
    }
  };
}
