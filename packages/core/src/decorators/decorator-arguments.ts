// Sorts what a parameter decorator was given into the name, the options and the rest, so nothing is dropped.
import type { AnyClass } from '../metadata/constructor';

/**
 * A pipe given to a parameter decorator after the name and the options: a pipe class (`ParseIntPipe`) or an instance
 * (`new DefaultValuePipe(1)`). Recorded as given; `createApp` refuses (`CORBEL_ERR_INVALID_PARAMETER`) an argument
 * that is neither.
 * @example @Param('id', ParseIntPipe) id: number
 */
export type PipeArgument = AnyClass | { transform(value: never, ...rest: never[]): unknown };

/**
 * A parameter decorator's arguments, sorted; see `parseDecoratorArguments`.
 * @example const { name, options, unknownOptions, pipes }: DecoratorArguments = parseDecoratorArguments(args, ['type']);
 */
export interface DecoratorArguments {
  /** The leading string (the field's name), when the decorator takes one. */
  readonly name: string | undefined;
  /** The options object (the first plain object after the name), or `{}`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The keys of `options` the decorator does not know, as written (`requird`). */
  readonly unknownOptions: readonly string[];
  /** Every other argument, in order, as given: the pipes (checked at createApp). */
  readonly pipes: readonly unknown[];
}

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  // An object literal with transform() is a pipe written inline, not options.
  const isPipe = typeof (value as { transform?: unknown }).transform === 'function';
  return (prototype === Object.prototype || prototype === null) && !isPipe;
}

/**
 * Sorts a parameter decorator's arguments: a leading string is the name (when `takesName`), the next plain object
 * the options, and whatever is left is kept in `pipes`. `undefined` arguments count as absent. The decorator records
 * all of it, and `createApp` refuses unknown options and arguments that are not pipes, so no argument is ever
 * silently ignored.
 * @example
 * parseDecoratorArguments(['page', { requird: true }], ['required', 'default']);
 * // { name: 'page', options: { requird: true }, unknownOptions: ['requird'], pipes: [] }
 */
export function parseDecoratorArguments(
  args: readonly unknown[],
  knownKeys: readonly string[],
  takesName = true,
): DecoratorArguments {
  const rest = args.filter((argument) => argument !== undefined);
  const name = takesName && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
  const options = isOptionsObject(rest[0]) ? (rest.shift() as Record<string, unknown>) : {};
  return {
    name,
    options,
    unknownOptions: Object.keys(options).filter((key) => !knownKeys.includes(key)),
    pipes: rest,
  };
}
