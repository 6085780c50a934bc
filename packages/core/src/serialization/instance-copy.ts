// The commonest plan compiled to one destructuring: an entity whose only rules are @Exclude()s, holding primitives.
import type { ClassTransformOptions } from 'class-transformer';
import type { InstancePlan } from './instance-plan';

/** A plain copy of an instance without its excluded keys, or undefined when a value needs the full conversion. */
export type InstanceCopy = (value: object) => Record<string, unknown> | undefined;

/**
 * For a plan that sends every own key under its own name except some excluded ones (no @Expose, @Type, @Transform
 * on a sent key, no prefixes to drop), one function that copies the instance with an object rest pattern, as a
 * hand-written `const { password, ...visible } = user` does. It gives exactly what the full conversion gives as long
 * as every value is a primitive or a Date (copied, as class-transformer copies it); for anything else (a nested
 * object, a function to call, an own `constructor` key) it answers undefined and the full conversion runs.
 * Undefined when the plan or the options are not of that kind.
 * @example compileInstanceCopy(plan, options)?.(user) // { id: 7, name: 'Ada' } — without password
 */
export function compileInstanceCopy(plan: InstancePlan, options: ClassTransformOptions): InstanceCopy | undefined {
  if (!plan.readsOwnKeys || plan.listed.length > 0 || options.excludePrefixes?.length) return undefined;
  // With exposeUnsetFields false, class-transformer leaves out keys whose value is undefined; the copy keeps them.
  if (options.exposeUnsetFields === false) return undefined;
  const excluded: string[] = [];
  for (const [name, rule] of plan.rules) {
    if (!rule.isSent) excluded.push(name);
    else if (rule.output !== name || rule.type !== undefined || rule.transforms.length > 0) return undefined;
  }
  const pattern = excluded.map((name, index) => `${JSON.stringify(name)}: _${index}, `).join('');
  // The generated code names keys only as JSON string literals, which are valid JavaScript string literals.
  const copy = new Function(
    'isDate',
    `'use strict';
return function copy(v) {
  const { ${pattern}...plain } = v;
  for (const key in plain) {
    const x = plain[key];
    if (typeof x === 'object' && x !== null) {
      if (!isDate(x)) return undefined;
      plain[key] = new Date(x.valueOf());
    } else if (typeof x === 'function' || key === 'constructor' || key === '__proto__') {
      return undefined;
    }
  }
  return plain;
};`,
  ) as (isDate: (value: object) => boolean) => InstanceCopy;
  return copy((value) => value instanceof Date);
}
