// The seam between built-in pipes that need the app (its validator, the parameter's type) and the binder.
import type { ParameterLocation, ValidationErrorEntry } from '../exceptions/request-validation-error';
import type { DtoValidator } from '../validation/dto-validator';
import type { ValidationSettings } from '../validation/validation-options';

/** What a built-in pipe is told at start-up about the parameter it runs on. */
export interface PipeCompileContext {
  readonly validator: DtoValidator;
  /** Where the value comes from; `undefined` for a `createParamDecorator` value. */
  readonly location: ParameterLocation | undefined;
  /** The declared type: `design:paramtypes`, or the decorator's `{ type }`. */
  readonly metatype: unknown;
  /** `@Body() on CatsController.create (parameter #1)`, for start-up errors. */
  readonly usedBy: string;
  /** The ValidationPipe options that apply to this parameter, merged in order; Corbel's own validation uses them. */
  readonly settings: ValidationSettings | undefined;
}

/**
 * One step of a parameter's pipe chain: the value the next step gets (or a promise of it); refusals are pushed into
 * `errors` with `loc` relative to the parameter.
 */
export type PipeStep = (value: unknown, errors: ValidationErrorEntry[]) => unknown;

/** The key of a built-in pipe's start-up compilation. */
export const COMPILE_PIPE: unique symbol = Symbol('corbel.compilePipe');

/** A pipe that compiles itself for a parameter into its step; `null` means it has nothing to do there at all. */
export interface CompilablePipe {
  [COMPILE_PIPE](context: PipeCompileContext): PipeStep | null;
}

/** True for a built-in pipe that compiles itself. */
export function isCompilablePipe(pipe: object): pipe is CompilablePipe {
  return typeof (pipe as Partial<CompilablePipe>)[COMPILE_PIPE] === 'function';
}
