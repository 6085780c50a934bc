// The start-up errors of resolution, worded as tsyringe words them: what failed, where, and the path to it.
import { CorbelError } from '../errors/corbel-error';
import { TYPE_METADATA_FIX } from '../errors/type-metadata-fix';
import type { InjectionToken } from './provider';
import { describeToken, type ProviderRecord } from './provider-record';

// Types TypeScript emits for parameters it cannot name a class for: interfaces and unions become Object.
const UNINJECTABLE = new Map<unknown, string>([
  [Object, 'Object at run time (an interface, a union or `any`)'],
  [Function, 'Function at run time (a class imported with `import type` loses its value)'],
  [undefined, 'undefined at run time (a class used before its file finished loading: a circular import?)'],
  [String, 'String, which cannot be injected by type'],
  [Number, 'Number, which cannot be injected by type'],
  [Boolean, 'Boolean, which cannot be injected by type'],
  [Symbol, 'Symbol, which cannot be injected by type'],
  [BigInt, 'BigInt, which cannot be injected by type'],
  [Array, 'Array, which cannot be injected by type'],
  [Promise, 'Promise, which cannot be injected by type'],
]);

/** Why a declared parameter type cannot be resolved by type, or undefined when it can. */
export function uninjectableReason(type: unknown): string | undefined {
  return UNINJECTABLE.get(type);
}

/** How errors name what was being built: the class, or `the factory of 'TOKEN'`. */
export function ownerName(record: ProviderRecord): string {
  const { recipe } = record;
  if (recipe.kind === 'class') return recipe.type.name || record.name;
  if (recipe.kind === 'factory') return `the factory of ${record.name}`;
  return record.name;
}

/** Token names for a message, each once: `Clock, 'CONFIG'`, or `none`. */
export function listNames(tokens: Iterable<InjectionToken>): string {
  const names = [...new Set([...tokens].map(describeToken))];
  return names.length === 0 ? 'none' : names.join(', ');
}

function withPath(
  code: 'CORBEL_ERR_UNKNOWN_PROVIDER' | 'CORBEL_ERR_UNRESOLVABLE_TYPE' | 'CORBEL_ERR_NO_TYPE_METADATA',
  message: string,
  path: readonly ProviderRecord[],
): CorbelError {
  // The failing class ends the path; it is worth showing only when it was reached through others.
  const suffix = path.length > 1 ? `; resolution path: ${path.map(ownerName).join(' → ')}` : '';
  return new CorbelError(code, `${message}${suffix}`);
}

export function unknownProviderError(
  record: ProviderRecord,
  index: number,
  token: InjectionToken,
  visible: { own: Iterable<InjectionToken>; exported: Iterable<InjectionToken>; path: readonly ProviderRecord[] },
): CorbelError {
  return withPath(
    'CORBEL_ERR_UNKNOWN_PROVIDER',
    `Cannot resolve parameter #${index + 1} of ${ownerName(record)}: ${describeToken(token)} is not provided in ` +
      `${record.module.name} (providers: ${listNames(visible.own)}; imports export: ${listNames(visible.exported)})`,
    visible.path,
  );
}

export function unresolvableTypeError(
  record: ProviderRecord,
  index: number,
  type: unknown,
  path: readonly ProviderRecord[],
): CorbelError {
  return withPath(
    'CORBEL_ERR_UNRESOLVABLE_TYPE',
    `Cannot resolve parameter #${index + 1} of ${ownerName(record)}: its type is ` +
      `${uninjectableReason(type) ?? String(type)}; add @Inject(token) to say what to inject`,
    path,
  );
}

export function constructorWithoutTypesError(
  record: ProviderRecord,
  count: number,
  path: readonly ProviderRecord[],
): CorbelError {
  return withPath(
    'CORBEL_ERR_UNRESOLVABLE_TYPE',
    `Cannot resolve the constructor of ${ownerName(record)}: it takes ${count} parameter(s) but has no ` +
      'decorator, so TypeScript emitted no types for them; add @Injectable() to it',
    path,
  );
}

/** A decorated class whose constructor types the build dropped: telling it to add @Injectable() would not help. */
export function constructorWithoutMetadataError(
  record: ProviderRecord,
  count: number,
  path: readonly ProviderRecord[],
): CorbelError {
  return withPath(
    'CORBEL_ERR_NO_TYPE_METADATA',
    `Cannot resolve the constructor of ${ownerName(record)}: it takes ${count} parameter(s) and is decorated, but ` +
      `TypeScript emitted no types for them (no design:paramtypes). ${TYPE_METADATA_FIX}; or give each ` +
      'parameter @Inject(token)',
    path,
  );
}

/** `cycle` runs from the repeated record back to it; `before` is how the first of them was reached. */
export function cycleError(cycle: readonly ProviderRecord[], before: readonly ProviderRecord[]): CorbelError {
  const shown = cycle.map(ownerName).join(' → ');
  const path = before.length > 0 ? `; resolution path: ${[...before, ...cycle].map(ownerName).join(' → ')}` : '';
  return new CorbelError(
    'CORBEL_ERR_DEPENDENCY_CYCLE',
    `Dependency cycle: ${shown} (none of them can be built before the others; remove one of these ` +
      `dependencies)${path}`,
  );
}
