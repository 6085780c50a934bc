// A DTO's declared properties: those with a class-validator or class-transformer decorator, ancestors' first.
import { getMetadataStorage } from 'class-validator';
import type { AnyClass } from '../metadata/constructor';
import { lineage, ownDecoratedProperties, type TransformerStorage } from '../metadata/transformer-storage';

/**
 * The names `@Returns(cls)` answers with, in the order their classes declare them: for each class from the oldest
 * ancestor down, its class-validator properties, then those only class-transformer names (an `@Expose()` getter).
 * @example declaredProperties(storage, UserDto) // ['id', 'name', 'email']
 */
export function declaredProperties(storage: TransformerStorage, cls: AnyClass): string[] {
  const validation = getMetadataStorage().getTargetValidationMetadatas(cls as unknown as () => void, '', true, false);
  const names = new Set<string>();
  for (const owner of lineage(cls).reverse()) {
    for (const metadata of validation) {
      if (metadata.target === owner && typeof metadata.propertyName === 'string') names.add(metadata.propertyName);
    }
    for (const name of ownDecoratedProperties(storage, owner)) names.add(name);
  }
  return [...names];
}
