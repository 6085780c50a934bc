// Shaping by a @Returns plan, written plainly: the definition the compiled serializer is proven against.
import { CLASS_TO_PLAIN } from './serialization-settings';
import type { ShapePlan } from './shape-plan';

type Bag = Record<string, unknown>;

/**
 * The answer reduced to the plan's declared properties, recursively: an array is shaped item by item, an object
 * becomes a plain object with only the DTO's properties (the DTO's own getters and methods compute theirs from the
 * object, a method found on the object is called, @Transform functions run, nested DTOs are shaped in turn), and any
 * other value is kept as it is. `JSON.stringify` of the result is what the client gets.
 * @example shapeValue({ id: 7, name: 'Ada', password: 'x' }, plan) // { id: 7, name: 'Ada' }
 */
export function shapeValue(value: unknown, plan: ShapePlan): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index++) items.push(shapeValue(value[index], plan));
    return items;
  }
  const source = value as Bag;
  const shaped: Bag = {};
  for (const property of plan.properties) {
    let item = property.compute === undefined ? source[property.name] : property.compute.call(source);
    if (typeof item === 'function') item = item.call(source);
    for (const transform of property.transforms) {
      item = transform({
        value: item,
        key: property.name,
        obj: source,
        type: CLASS_TO_PLAIN,
        options: plan.transformOptions,
      });
    }
    shaped[property.output] = property.nested === undefined ? item : shapeValue(item, property.nested);
  }
  return shaped;
}
