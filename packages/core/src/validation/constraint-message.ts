// The text class-validator reports for a failed constraint, produced by class-validator's own templating.
import type { ValidationArguments } from 'class-validator';

type MessageTemplate = string | ((args: ValidationArguments) => string);

interface ValidationUtilsModule {
  ValidationUtils: { replaceMessageSpecialTokens(message: MessageTemplate, args: ValidationArguments): string };
}

// Not re-exported from the package root (and typed under types/, not cjs/); the package has no exports map, so
// the module its executor uses is reachable directly, as transform-plan reaches class-transformer's storage.
const { ValidationUtils } = require('class-validator/cjs/validation/ValidationUtils') as ValidationUtilsModule;

/**
 * Words a failure exactly as class-validator does ($property, $constraint1, $value, $target), by calling the same
 * function its executor calls, so the compiled check cannot drift from it.
 * @example formatConstraintMessage('$property must be at least $constraint1', { property: 'age', constraints: [3], value: 1, targetName: 'Dto', object: {} }) // 'age must be at least 3'
 */
export function formatConstraintMessage(message: unknown, args: ValidationArguments): string {
  return ValidationUtils.replaceMessageSpecialTokens(message as MessageTemplate, args);
}
