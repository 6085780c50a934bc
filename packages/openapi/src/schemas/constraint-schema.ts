// What one class-validator constraint says about a value, as a JSON Schema fragment (when JSON Schema can say it).
import type { JsonSchema } from './json-schema';

type Arguments = readonly unknown[];

function numberAt(args: Arguments, index: number): number | undefined {
  const value = args[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function lengthOf(args: Arguments): JsonSchema | undefined {
  const min = numberAt(args, 0);
  const max = numberAt(args, 1);
  if (min === undefined && args[0] !== undefined) return undefined;
  return {
    type: 'string',
    ...(min === undefined ? {} : { minLength: min }),
    ...(max === undefined ? {} : { maxLength: max }),
  };
}

/** `@Matches(/…/)`: a RegExp's flags have no JSON Schema spelling, so only a pattern without `i`, `m`, `s`, `y`, `v`. */
function patternOf(args: Arguments): JsonSchema | undefined {
  const [pattern, modifiers] = args;
  let source: string;
  let flags: string;
  if (pattern instanceof RegExp) {
    source = pattern.source;
    flags = pattern.flags;
  } else if (typeof pattern === 'string') {
    source = pattern;
    flags = typeof modifiers === 'string' ? modifiers : '';
  } else {
    return undefined;
  }
  // 'g' and 'u' change nothing about whether a string matches somewhere; any other flag does.
  if (/[^gu]/.test(flags)) return undefined;
  return { type: 'string', pattern: source };
}

/** class-validator's own reading of an enum: every value of `Object.keys(entity)`, reverse mappings included. */
function enumOf(args: Arguments): JsonSchema | undefined {
  const [entity] = args;
  if (typeof entity !== 'object' || entity === null) return undefined;
  const values = Object.keys(entity).map((key) => (entity as Record<string, unknown>)[key]);
  return { enum: [...new Set(values)] };
}

function listOf(args: Arguments): unknown[] | undefined {
  const [values] = args;
  return Array.isArray(values) ? [...values] : undefined;
}

function isJsonValue(value: unknown): boolean {
  const kind = typeof value;
  return value === null || kind === 'string' || kind === 'boolean' || (kind === 'number' && Number.isFinite(value));
}

/**
 * The fragment for a built-in constraint by its class-validator name, or undefined when JSON Schema cannot express
 * it (a custom constraint, `@IsNumber({ maxDecimalPlaces })`, a RegExp with flags…): the document then says less
 * than the server checks, never more.
 * @example constraintSchema('isLength', [1, 40]) // { type: 'string', minLength: 1, maxLength: 40 }
 */
export function constraintSchema(name: string, args: Arguments): JsonSchema | undefined {
  switch (name) {
    case 'isString':
      return { type: 'string' };
    case 'isNumber': {
      const options = args[0] as { maxDecimalPlaces?: unknown } | undefined;
      return options?.maxDecimalPlaces === undefined ? { type: 'number' } : undefined;
    }
    case 'isInt':
      return { type: 'integer' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isArray':
      return { type: 'array' };
    case 'isObject':
      return { type: 'object' };
    case 'isNotEmptyObject':
      return args[0] === undefined ? { type: 'object', minProperties: 1 } : undefined;
    case 'min': {
      const min = numberAt(args, 0);
      return min === undefined ? undefined : { type: 'number', minimum: min };
    }
    case 'max': {
      const max = numberAt(args, 0);
      return max === undefined ? undefined : { type: 'number', maximum: max };
    }
    case 'isPositive':
      return { type: 'number', exclusiveMinimum: 0 };
    case 'isNegative':
      return { type: 'number', exclusiveMaximum: 0 };
    case 'minLength': {
      const min = numberAt(args, 0);
      return min === undefined ? undefined : { type: 'string', minLength: min };
    }
    case 'maxLength': {
      const max = numberAt(args, 0);
      return max === undefined ? undefined : { type: 'string', maxLength: max };
    }
    case 'isLength':
      return lengthOf(args);
    case 'matches':
      return patternOf(args);
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isUrl':
      return { type: 'string', format: 'uri' };
    case 'isDateString':
    case 'isIso8601':
      return { type: 'string', format: 'date-time' };
    case 'isEnum':
      return enumOf(args);
    case 'isIn': {
      const values = listOf(args);
      return values === undefined ? undefined : { enum: values };
    }
    case 'isNotIn': {
      const values = listOf(args);
      return values === undefined ? undefined : { not: { enum: values } };
    }
    case 'equals':
      return isJsonValue(args[0]) ? { const: args[0] } : undefined;
    case 'notEquals':
      return isJsonValue(args[0]) ? { not: { const: args[0] } } : undefined;
    case 'isEmpty':
      return { enum: ['', null] };
    case 'isNotEmpty':
      return { not: { enum: ['', null] } };
    case 'arrayMinSize': {
      const min = numberAt(args, 0);
      return min === undefined ? undefined : { type: 'array', minItems: min };
    }
    case 'arrayMaxSize': {
      const max = numberAt(args, 0);
      return max === undefined ? undefined : { type: 'array', maxItems: max };
    }
    case 'arrayNotEmpty':
      return { type: 'array', minItems: 1 };
    default:
      return undefined;
  }
}
