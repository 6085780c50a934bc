// The class-validator constraints the compiled DTO check runs itself; any other constraint keeps a DTO on class-validator.

/**
 * Built-in constraint names (as class-validator reports them in `type`) that the compiled check accepts. Each is
 * synchronous and is run through class-validator's own constraint instance (its `validate` and `defaultMessage`), so
 * the result cannot differ; the list stays short because each entry is covered by the differential test.
 * @example SUPPORTED_CONSTRAINTS.has('isEmail') // true; SUPPORTED_CONSTRAINTS.has('isUuid') // false
 */
export const SUPPORTED_CONSTRAINTS: ReadonlySet<string> = new Set([
  'isDefined',
  'equals',
  'notEquals',
  'isEmpty',
  'isNotEmpty',
  'isIn',
  'isNotIn',
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isArray',
  'isEnum',
  'isObject',
  'min',
  'max',
  'isPositive',
  'isNegative',
  'minLength',
  'maxLength',
  'isLength',
  'isEmail',
  'matches',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayNotEmpty',
]);
