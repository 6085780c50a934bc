// A quick yes for the everyday email addresses class-validator's @IsEmail() accepts, so most requests skip validator.js.
import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';

// validator.js's isEmail with default options: the address is at most 254 characters and its local part at most 64
// bytes; the local part is dot-separated runs of letters, digits and !#$%&'*+-/=?^_`{|}~ (its emailUserUtf8Part minus
// the non-ASCII ranges); the domain passes isFQDN (require_tld, no underscores): labels of at most 63 letters,
// digits and inner hyphens, and a TLD of 2-63 letters. Anything this pattern accepts, isEmail accepts too; the
// property test in test/validation pins that against the installed validator.
const LOCAL_PART = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const COMMON_EMAIL = new RegExp(`^${LOCAL_PART}@(?:${LABEL}\\.)+[A-Za-z]{2,63}$`);
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * True for a plain ASCII address that `isEmail(value)` (default options) certainly accepts; false means "ask
 * validator.js", not "invalid".
 * @example isCommonEmail('ada@example.com') // true; isCommonEmail('"quoted"@example.com') // false
 */
export function isCommonEmail(value: string): boolean {
  // Lengths first: they also bound the work the pattern can do.
  if (value.length > MAX_EMAIL_LENGTH) return false;
  const at = value.indexOf('@');
  return at > 0 && at <= MAX_LOCAL_PART_LENGTH && COMMON_EMAIL.test(value);
}

/**
 * class-validator's own IsEmail constraint, answering common addresses itself. Used only for `@IsEmail()` without
 * options: options change what isEmail accepts.
 * @example withCommonEmailFastPath(plan.constraint).validate('ada@example.com', args) // true, validator.js not called
 */
export function withCommonEmailFastPath(constraint: ValidatorConstraintInterface): ValidatorConstraintInterface {
  return {
    validate: (value: unknown, args?: ValidationArguments) =>
      (typeof value === 'string' && isCommonEmail(value)) || constraint.validate(value, args),
    defaultMessage: constraint.defaultMessage?.bind(constraint),
  };
}
