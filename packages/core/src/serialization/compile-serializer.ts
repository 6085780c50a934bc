// Compiles a @Returns plan into one JavaScript function per DTO, as fast-json-stringify does from a JSON schema.
//
// The generated code only ever contains property names as JSON string literals (valid JavaScript string literals),
// so no name can break out of it; every value goes through the writers in json-writers.ts, and any value whose
// declared type the code does not specialise is written by JSON.stringify of a one-key object, which gives exactly
// the text (toJSON called with the key, boxed primitives unboxed, undefined and functions dropped) of the shaped value.
import { writeDate, writeItem, writeString } from './json-writers';
import { CLASS_TO_PLAIN } from './serialization-settings';
import { reachablePlans, type ShapePlan, type ShapeProperty } from './shape-plan';

/** Writes a value as the JSON text of its shaped form; undefined for what JSON cannot represent. */
export type CompiledSerializer = (value: unknown) => string | undefined;

type TransformFunction = ShapeProperty['transforms'][number];

/** A JavaScript string literal for `text`. */
function literal(text: string): string {
  return JSON.stringify(text);
}

// An integer-like key ("0", "42") is enumerated before every other key of a plain object, in ascending order, so
// JSON.stringify of the shaped object writes it first; the compiled code must write the same order.
const MAX_INDEX = 2 ** 32 - 2;

function indexOf(key: string): number | undefined {
  const number = Number(key);
  return Number.isInteger(number) && number >= 0 && number <= MAX_INDEX && String(number) === key ? number : undefined;
}

function inObjectOrder(properties: readonly ShapeProperty[]): ShapeProperty[] {
  const indexed = properties.filter((property) => indexOf(property.output) !== undefined);
  indexed.sort((a, b) => (indexOf(a.output) as number) - (indexOf(b.output) as number));
  return [...indexed, ...properties.filter((property) => indexOf(property.output) === undefined)];
}

class SerializerSource {
  readonly plans: ShapePlan[];
  readonly transforms: TransformFunction[] = [];
  readonly computes: ((this: unknown) => unknown)[] = [];

  constructor(root: ShapePlan) {
    this.plans = reachablePlans(root);
  }

  code(): string {
    const writers = this.plans.map((plan, index) => `${this.#objectWriter(plan, index)}\n${this.#arrayWriter(index)}`);
    return `'use strict';
${writers.join('\n')}
return function serialize(v) {
  return typeof v === 'object' && v !== null ? (Array.isArray(v) ? a0(v) : o0(v)) : j(v);
};`;
  }

  #objectWriter(plan: ShapePlan, index: number): string {
    const properties = inObjectOrder(plan.properties).map((property) => this.#property(property));
    // `m`: a member was written, so the next one needs a comma first.
    return `function o${index}(v) {
  let s = '{', m = false, x, w;
${properties.join('\n')}
  return s + '}';
}`;
  }

  #arrayWriter(index: number): string {
    return `function a${index}(a) {
  let s = '[';
  for (let n = 0; n < a.length; n++) {
    const e = a[n];
    if (n > 0) s += ',';
    s += typeof e === 'object' && e !== null ? (Array.isArray(e) ? a${index}(e) : o${index}(e)) : item(e);
  }
  return s + ']';
}`;
  }

  #property(property: ShapeProperty): string {
    const name = literal(property.name);
    const member = JSON.stringify(property.output);
    // The member's opening, with and without the comma that separates it from an earlier one.
    const key = `(m ? ${literal(`,${member}:`)} : ${literal(`${member}:`)})`;
    const read =
      property.compute === undefined ? `v[${name}]` : `c[${this.computes.push(property.compute) - 1}].call(v)`;
    const lines = [`  x = ${read};`, "  if (typeof x === 'function') x = x.call(v);"];
    for (const transform of property.transforms) {
      const slot = this.transforms.push(transform) - 1;
      lines.push(`  x = t[${slot}]({ value: x, key: ${name}, obj: v, type: ${CLASS_TO_PLAIN}, options: o });`);
    }
    // JSON of a one-key object: exactly the member the shaped value has, or '{}' when it has none.
    const fallback = `{ w = j({ ${literal(property.output)}: x }); if (w.length !== 2) { s += (m ? ',' : '') + w.slice(1, -1); m = true; } }`;
    const orElse = `else if (x !== undefined) ${fallback}`;
    const write = (test: string, value: string) => `  if (${test}) { s += ${key} + ${value}; m = true; } ${orElse}`;
    switch (property.kind) {
      case 'string':
        lines.push(write("typeof x === 'string'", 'str(x)'));
        break;
      case 'number':
        lines.push(write("typeof x === 'number'", "(x - x === 0 ? '' + x : 'null')"));
        break;
      case 'boolean':
        lines.push(write("typeof x === 'boolean'", "(x ? 'true' : 'false')"));
        break;
      case 'date':
        lines.push(write("typeof x === 'object' && x !== null && (w = date(x)) !== undefined", 'w'));
        break;
      case 'nested': {
        const nested = this.plans.indexOf(property.nested as ShapePlan);
        lines.push(write("typeof x === 'object' && x !== null", `(Array.isArray(x) ? a${nested}(x) : o${nested}(x))`));
        break;
      }
      case 'any':
        lines.push(`  if (x !== undefined) ${fallback}`);
        break;
    }
    return lines.join('\n');
  }
}

/**
 * One function that writes `JSON.stringify(shapeValue(value, plan))` without building the shaped value: property by
 * property, specialised for strings, numbers, booleans, dates and nested DTOs. Built once per route at start-up.
 * `writeJson` writes what the code does not specialise (JSON.stringify, or the app's serializer, so class-transformer
 * instances inside an untyped property still follow their rules).
 * @example const serialize = compileSerializer(plan); serialize({ id: 7, name: 'Ada', password: 'x' }) // '{"id":7,"name":"Ada"}'
 */
export function compileSerializer(
  plan: ShapePlan,
  writeJson: (value: unknown) => string | undefined = JSON.stringify,
): CompiledSerializer {
  const source = new SerializerSource(plan);
  const code = source.code();
  // new Function is the compiled serializer itself: the code above, with the writers and transforms as arguments.
  const factory = new Function('str', 'date', 'item', 'j', 't', 'c', 'o', code) as (
    ...dependencies: unknown[]
  ) => CompiledSerializer;
  return factory(
    writeString,
    writeDate,
    writeItem,
    writeJson,
    source.transforms,
    source.computes,
    plan.transformOptions,
  );
}
