// The class-validator and class-transformer options an app may pass, and the defaults that protect users.
import type { ClassTransformOptions } from 'class-transformer';
import type { ValidatorOptions } from 'class-validator';

/** `createApp({ validation })`: class-validator options, plus class-transformer's under `transform`. */
export interface ValidationSettings extends ValidatorOptions {
  readonly transform?: ClassTransformOptions;
}

/** Unknown properties stripped, unknown values refused, and no rejected value or instance copied into errors. */
export function resolveValidatorOptions(settings: ValidationSettings = {}): ValidatorOptions {
  const { transform: _transform, ...validator } = settings;
  return {
    whitelist: true,
    forbidUnknownValues: true,
    ...validator,
    // Never overridable: errors must be safe to send to a client as they are.
    validationError: { target: false, value: false },
  };
}
