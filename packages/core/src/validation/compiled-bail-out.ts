// The signal that an input left the shapes the compiled DTO check reproduces, so class-validator must handle it.

/**
 * Thrown inside the compiled check (never out of it) when an input holds something it does not reproduce exactly
 * (a Map, a class instance, an unknown query key whose type only reflection knows); the check then answers
 * {@link BAILED} and the caller reruns class-transformer and class-validator on the same input.
 * @example if (Object.getPrototypeOf(value) !== Object.prototype) throw BAIL_OUT;
 */
export const BAIL_OUT: unique symbol = Symbol('corbel.compiledDtoCheck.bailOut');

/**
 * What the compiled check returns instead of an instance when it bailed out.
 * @example const result = check(input, [], errors); if (result === BAILED) return slowPath(input);
 */
export const BAILED: unique symbol = Symbol('corbel.compiledDtoCheck.bailed');
