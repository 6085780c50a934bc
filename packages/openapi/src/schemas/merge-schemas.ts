// Combines the fragments of several constraints on one value into one schema, without changing what it accepts.
import type { JsonSchema, JsonType } from './json-schema';

type Keyword = keyof JsonSchema;

// Both bounds hold, so the tighter one is the one that matters.
const LOWER_BOUNDS: ReadonlySet<Keyword> = new Set([
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
]);
const UPPER_BOUNDS: ReadonlySet<Keyword> = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems']);

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function combineTypes(left: JsonSchema['type'], right: JsonSchema['type']): JsonType | undefined {
  if (left === right && typeof left === 'string') return left;
  // Every integer is a number: `@IsNumber() @IsInt()` accepts integers.
  if ((left === 'number' && right === 'integer') || (left === 'integer' && right === 'number')) return 'integer';
  return undefined;
}

/** `fragment` folded into `into` when no keyword clashes; false (and `into` untouched) when one does. */
function fold(into: JsonSchema, fragment: JsonSchema): boolean {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fragment) as [Keyword, unknown][]) {
    const existing = into[key];
    if (existing === undefined || sameValue(existing, value)) result[key] = value;
    else if (key === 'type') {
      const type = combineTypes(existing as JsonSchema['type'], value as JsonSchema['type']);
      if (type === undefined) return false;
      result[key] = type;
    } else if (LOWER_BOUNDS.has(key)) result[key] = Math.max(existing as number, value as number);
    else if (UPPER_BOUNDS.has(key)) result[key] = Math.min(existing as number, value as number);
    else return false;
  }
  Object.assign(into, result);
  return true;
}

/**
 * One schema that accepts exactly what every fragment accepts: keywords are merged where they can be (two
 * `minimum`s keep the larger), and a fragment that clashes (`type: 'string'` with `type: 'number'`) goes under
 * `allOf`, so an impossible combination stays impossible rather than being silently dropped.
 * @example mergeSchemas([{ type: 'string' }, { type: 'string', minLength: 1 }]) // { type: 'string', minLength: 1 }
 */
export function mergeSchemas(fragments: readonly JsonSchema[]): JsonSchema {
  const merged: JsonSchema = {};
  const clashing: JsonSchema[] = [];
  for (const fragment of fragments) if (!fold(merged, fragment)) clashing.push(fragment);
  return clashing.length === 0 ? merged : { ...merged, allOf: clashing };
}
