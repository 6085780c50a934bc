// Refuses, at start-up, a DTO whose properties lost TypeScript's type metadata: it would convert and nest nothing.
import { getMetadataStorage } from 'class-validator';
import { CorbelError } from '../errors/corbel-error';
import { TYPE_METADATA_FIX } from '../errors/type-metadata-fix';
import type { AnyClass } from '../metadata/constructor';
import { readDesignType } from '../metadata/design-type';

interface TypeMetadataLookup {
  findTypeMetadata?(
    target: unknown,
    propertyName: string,
  ): { typeFunction?: (options?: unknown) => unknown } | undefined;
}

// class-transformer's own storage, which @Type writes to and plainToInstance reads.
const typeMetadata = (require('class-transformer/cjs/storage') as { defaultMetadataStorage?: TypeMetadataLookup })
  .defaultMetadataStorage;

/** The class `@Type(() => X)` names for a property, or undefined; null when the property has no @Type at all. */
function declaredByType(dto: AnyClass, property: string): unknown {
  const found = typeMetadata?.findTypeMetadata?.(dto, property);
  if (!found) return null;
  // A type function that reads its argument (a discriminator by hand) names no single class at start-up.
  return found.typeFunction && found.typeFunction.length === 0 ? found.typeFunction() : undefined;
}

function validatedProperties(dto: AnyClass): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto as unknown as () => void, '', true, false);
  return [...new Set(metadatas.map((metadata) => metadata.propertyName).filter((name) => typeof name === 'string'))];
}

/**
 * Walks a DTO and the DTOs it nests: every validated property must have `design:type` (emitted by TypeScript with
 * `emitDecoratorMetadata`) or a class-transformer `@Type`. `usedBy` names the parameter in the message.
 * @example requireDtoTypeMetadata(CreateUserDto, "@Body() on UsersController.create (parameter #1)");
 */
export function requireDtoTypeMetadata(dto: AnyClass, usedBy: string | undefined, seen = new Set<AnyClass>()): void {
  if (seen.has(dto)) return;
  seen.add(dto);
  for (const property of validatedProperties(dto)) {
    const designType = readDesignType(dto.prototype, property);
    const typed = declaredByType(dto, property);
    if (designType === undefined && typed === null) {
      throw new CorbelError(
        'CORBEL_ERR_NO_TYPE_METADATA',
        `${dto.name}.${property}${usedBy ? ` (in ${usedBy})` : ''} has no TypeScript type metadata (no design:type), ` +
          `so it would not be converted, and a nested DTO would not be validated. ${TYPE_METADATA_FIX}; or declare ` +
          `it with class-transformer's @Type(() => String)`,
      );
    }
    const nested = typed ?? designType;
    if (typeof nested === 'function' && validatedProperties(nested as AnyClass).length > 0) {
      requireDtoTypeMetadata(nested as AnyClass, usedBy, seen);
    }
  }
}
