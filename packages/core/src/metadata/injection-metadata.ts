// What @Injectable and @Inject record, and the constructor parameter types TypeScript emits for a class.
import type { InjectionToken, ProviderScope } from '../injection/provider';
import type { AnyClass } from './constructor';
import { DESIGN_PARAMTYPES, INJECT_TOKENS, INJECTABLE } from './keys';
import { hasOwnMetadata, readOwnMetadata, writeMetadata } from './reflect';

export interface InjectableOptions {
  readonly scope?: ProviderScope;
}

/** How a class's constructor is to be called: one entry per parameter, a token from @Inject or a declared type. */
export interface ConstructorParameters {
  /** The class whose constructor declares them (a subclass without its own constructor inherits its parent's). */
  readonly declaredBy: AnyClass;
  /** `design:paramtypes`, or undefined when TypeScript emitted none (the class has no decorator). */
  readonly types: readonly unknown[] | undefined;
  readonly tokens: ReadonlyMap<number, InjectionToken>;
  /**
   * True when some decorator recorded metadata on `declaredBy` (ours or another library's). TypeScript emits
   * `design:paramtypes` for every decorated class, so a decorated class without them was built without
   * `emitDecoratorMetadata`.
   */
  readonly decorated: boolean;
}

export function defineInjectable(target: AnyClass, options: InjectableOptions): void {
  writeMetadata(INJECTABLE, options, target);
}

export function readInjectable(target: AnyClass): InjectableOptions | undefined {
  return readOwnMetadata<InjectableOptions>(INJECTABLE, target);
}

export function defineInjectToken(target: AnyClass, index: number, token: InjectionToken): void {
  const tokens = new Map(readOwnMetadata<Map<number, InjectionToken>>(INJECT_TOKENS, target));
  tokens.set(index, token);
  writeMetadata(INJECT_TOKENS, tokens, target);
}

/** The parameters of the nearest constructor along the class chain that has decorator metadata. */
export function readConstructorParameters(target: AnyClass): ConstructorParameters {
  let owner: AnyClass = target;
  for (;;) {
    const types = readOwnMetadata<unknown[]>(DESIGN_PARAMTYPES, owner);
    const tokens = readOwnMetadata<Map<number, InjectionToken>>(INJECT_TOKENS, owner);
    if (types !== undefined || tokens !== undefined) {
      return { declaredBy: owner, types, tokens: tokens ?? new Map(), decorated: true };
    }
    // A constructor with parameters of its own (but no metadata) does not take its parent's.
    if (owner.length > 0) break;
    const parent: unknown = Object.getPrototypeOf(owner);
    if (typeof parent !== 'function' || parent === Function.prototype) break;
    owner = parent as AnyClass;
  }
  return { declaredBy: owner, types: undefined, tokens: new Map(), decorated: hasOwnMetadata(owner) };
}
