// Which class a nested DTO property holds: class-transformer's @Type when declared, else TypeScript's design:type.
import { readPropertyType } from '../metadata/doc-metadata';

type AnyClass = abstract new (...args: never[]) => object;

interface TypeMetadataLike {
  readonly reflectedType?: unknown;
  readonly typeFunction?: (options?: unknown) => unknown;
  readonly options?: { readonly discriminator?: { readonly subTypes?: readonly { readonly value?: unknown }[] } };
}

interface TypeStorageLike {
  findTypeMetadata(target: unknown, property: string): TypeMetadataLike | undefined;
}

function loadTypeStorage(): TypeStorageLike | undefined {
  // class-transformer keeps @Type in this module's singleton (the one plainToInstance reads); it has no other export.
  const loaded = require('class-transformer/cjs/storage') as { defaultMetadataStorage?: Partial<TypeStorageLike> };
  const storage = loaded.defaultMetadataStorage;
  return typeof storage?.findTypeMetadata === 'function' ? (storage as TypeStorageLike) : undefined;
}

const typeStorage = loadTypeStorage();

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

/** A class the user wrote (not `Object`, `Array`, `String`…). */
export function isUserClass(value: unknown): value is AnyClass {
  return typeof value === 'function' && !NATIVE.test(Function.prototype.toString.call(value));
}

/** The declared classes a nested property may hold: one, several (a discriminator's subtypes), or none known. */
export function nestedClasses(target: AnyClass, property: string): readonly AnyClass[] {
  const metadata = typeStorage?.findTypeMetadata(target, property);
  const subTypes = metadata?.options?.discriminator?.subTypes;
  if (subTypes) return subTypes.map((subType) => subType.value).filter(isUserClass);
  const declared = metadata?.typeFunction
    ? declaredBy(metadata.typeFunction)
    : readPropertyType(target.prototype, property);
  return isUserClass(declared) ? [declared] : [];
}

// A type function that reads its argument chooses per value (a discriminator by hand): nothing can be said ahead.
function declaredBy(typeFunction: (options?: unknown) => unknown): unknown {
  if (typeFunction.length > 0) return undefined;
  try {
    return typeFunction();
  } catch {
    return undefined;
  }
}

/** True when TypeScript declared the property as an array (`items: Item[]`). */
export function isArrayProperty(target: AnyClass, property: string): boolean {
  return readPropertyType(target.prototype, property) === Array;
}
