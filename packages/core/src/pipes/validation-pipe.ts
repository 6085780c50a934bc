// ValidationPipe: NestJS's options mapped onto the validation Corbel already runs for the parameter.
import type { ClassTransformOptions } from 'class-transformer';
import type { ValidatorOptions } from 'class-validator';
import { isDtoClass } from '../validation/dto-validator';
import type { ValidationSettings } from '../validation/validation-options';
import { COMPILE_PIPE, type CompilablePipe, type PipeCompileContext, type PipeStep } from './compiled-pipe';
import type { PipeTransform } from './pipe-transform';

/**
 * NestJS's ValidationPipe options. Corbel validates every DTO parameter already (unknown properties stripped,
 * values converted), so these change that validation; the options it cannot honour are refused at `createApp`.
 * @example new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, groups: ['create'] })
 */
export interface ValidationPipeOptions extends ValidatorOptions {
  /** Corbel always hands over converted values and DTO instances: `true` (or absent) only; `false` is refused. */
  readonly transform?: boolean;
  /** class-transformer options, as `createApp({ validation: { transform } })` takes them. */
  readonly transformOptions?: ClassTransformOptions;
  /** Also validate `createParamDecorator` values whose declared type is a DTO (NestJS's option). */
  readonly validateCustomDecorators?: boolean;
  /** Refused: failures are Corbel's 422 entries; `NestCompatibleErrorFilter` answers 400 as NestJS does. */
  readonly errorHttpStatusCode?: number;
  /** Refused, for the same reason. */
  readonly exceptionFactory?: (errors: unknown[]) => unknown;
  /** Refused: entries never carry the rejected values, so there is nothing to hide. */
  readonly disableErrorMessages?: boolean;
  /** Refused: Corbel validates against the declared type (or the decorator's `{ type }`). */
  readonly expectedType?: unknown;
  /** Refused: Corbel uses the class-validator it depends on. */
  readonly validatorPackage?: unknown;
  /** Refused: Corbel uses the class-transformer it depends on. */
  readonly transformerPackage?: unknown;
}

const REFUSED: Readonly<Record<string, string>> = {
  errorHttpStatusCode:
    "failures are answered as Corbel's 422 entries (404 in the path); for NestJS's 400 add NestCompatibleErrorFilter",
  exceptionFactory:
    "failures are answered as Corbel's 422 entries; change the answer with a filter for RequestValidationError",
  disableErrorMessages: 'validation entries never carry the rejected values, so there is nothing to hide',
  expectedType: 'the declared type (or the decorator option { type }) is what is validated',
  validatorPackage: 'Corbel validates with its own class-validator',
  transformerPackage: 'Corbel transforms with its own class-transformer',
  validationError: 'entries never carry the target or the value, whatever this says',
};

/**
 * The `createApp({ validation })` settings a ValidationPipe stands for, or the reason one of its options cannot
 * be honoured.
 * @example settingsOf(new ValidationPipe({ groups: ['create'] })) // { settings: { groups: ['create'] } }
 */
export function settingsOf(pipe: ValidationPipe): { settings: ValidationSettings } | { refused: string } {
  const { transform, transformOptions, validateCustomDecorators: _custom, ...validator } = pipe.options;
  for (const key of Object.keys(validator)) {
    const reason = REFUSED[key];
    if (reason !== undefined && (validator as Record<string, unknown>)[key] !== undefined) {
      return { refused: `new ValidationPipe({ ${key} }) cannot be honoured: ${reason}` };
    }
  }
  if (transform === false) {
    return {
      refused:
        'new ValidationPipe({ transform: false }) cannot be honoured: Corbel always converts parameters to their ' +
        'declared types and DTOs to instances; remove the option',
    };
  }
  return { settings: transformOptions ? { ...validator, transform: transformOptions } : validator };
}

/**
 * NestJS's ValidationPipe. On a path, query or body parameter (or in `@UsePipes`, or `createApp({ pipes })`) its
 * options apply to the validation Corbel already runs there, so nothing is validated twice; on a
 * `createParamDecorator` value it validates only with `validateCustomDecorators: true`.
 * @example createApp(AppModule, { pipes: [new ValidationPipe({ forbidNonWhitelisted: true })] })
 */
export class ValidationPipe implements PipeTransform, CompilablePipe {
  readonly options: ValidationPipeOptions;

  constructor(options: ValidationPipeOptions = {}) {
    this.options = options;
  }

  /** Called only outside Corbel's binding (a test calling it directly): Corbel's validation did the work. */
  transform(value: unknown): unknown {
    return value;
  }

  [COMPILE_PIPE](context: PipeCompileContext): PipeStep | null {
    if (context.location !== undefined || !this.options.validateCustomDecorators) return null;
    const type = context.metatype;
    if (!isDtoClass(type)) return null;
    // A custom decorator's value is already typed (a user, a tenant): checked as a body is, without string conversion.
    const check = context.validator.compile(type, 'body', [], context.usedBy, { overrides: context.settings });
    return (value, errors) => check(value, errors);
  }
}
