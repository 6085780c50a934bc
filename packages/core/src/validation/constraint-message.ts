// class-validator's message templating ($property, $constraint1, $value, $target), repeated token for token.
import type { ValidationArguments } from 'class-validator';

function constraintToString(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  const described = typeof constraint === 'symbol' ? constraint.description : constraint;
  return `${described}`;
}

/**
 * The text class-validator reports for a failed constraint: a function message is called, a string is used as it
 * is, then the tokens are replaced in class-validator's order. The compiled check must word every failure the same
 * way, so this mirrors `ValidationUtils.replaceMessageSpecialTokens` (which class-validator does not export).
 * @example formatConstraintMessage('$property must be at least $constraint1', { property: 'age', constraints: [3], value: 1, targetName: 'Dto', object: {} }) // 'age must be at least 3'
 */
export function formatConstraintMessage(message: unknown, args: ValidationArguments): string {
  let text: unknown;
  if (message instanceof Function) text = (message as (args: ValidationArguments) => unknown)(args);
  else if (typeof message === 'string') text = message;
  // `replace` on a non-string result throws here exactly as it does inside class-validator.
  if (text && Array.isArray(args.constraints)) {
    args.constraints.forEach((constraint: unknown, index: number) => {
      text = (text as string).replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintToString(constraint));
    });
  }
  const value: unknown = args.value;
  if (
    text &&
    value !== undefined &&
    value !== null &&
    (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
  ) {
    text = (text as string).replace(/\$value/g, value as string);
  }
  if (text) text = (text as string).replace(/\$property/g, args.property);
  if (text) text = (text as string).replace(/\$target/g, args.targetName);
  return text as string;
}
