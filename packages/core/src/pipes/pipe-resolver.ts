// Decides, once per parameter, which pipes run on it (global, class, method, its own) and with what validation.
import { CorbelError } from '../errors/corbel-error';
import { describeValue } from '../errors/describe-value';
import type { ErrorCode } from '../errors/error-codes';
import type { Constructor } from '../metadata/constructor';
import type { ParameterSource } from '../metadata/parameter-metadata';
import { readUsePipes } from '../metadata/pipe-metadata';
import type { ValidationSettings } from '../validation/validation-options';
import type { PipeReference, PipeTransform } from './pipe-transform';
import { settingsOf, ValidationPipe } from './validation-pipe';

/** Makes a pipe class's instance, with injection, for the controller that uses it (undefined: the app's root). */
export type PipeFactory = <T extends object>(type: Constructor<T>, user: Constructor | undefined) => T;

/** A parameter as the resolver needs it: where it comes from, the pipes its decorator was given, its name in errors. */
export interface PipedParameter {
  /** `custom` for a `createParamDecorator` value. */
  readonly source: ParameterSource | 'custom';
  readonly pipes: readonly unknown[] | undefined;
  /** `@Param('id') on CatsController.findOne`, for start-up errors. */
  readonly usedBy: string;
}

/** What runs on one parameter: the pipes in order, and the ValidationPipe options for Corbel's own validation. */
export interface ParameterPipes {
  readonly pipes: readonly PipeTransform[];
  readonly settings: ValidationSettings | undefined;
}

/** The pipes of one handler's parameters. */
export interface HandlerPipes {
  /** Null when nothing applies to the parameter: it is bound exactly as without pipes. */
  forParameter(parameter: PipedParameter): ParameterPipes | null;
}

function isPipe(value: unknown): value is PipeTransform {
  return (
    typeof value === 'object' && value !== null && typeof (value as { transform?: unknown }).transform === 'function'
  );
}

function isPipeClass(value: unknown): value is Constructor<PipeTransform> {
  return typeof value === 'function' && isPipe((value as { prototype?: unknown }).prototype);
}

// NestJS applies scoped and global pipes to these only (headers and cookies get their own pipes alone).
const SCOPED: ReadonlySet<PipedParameter['source']> = new Set(['path', 'query', 'body', 'custom']);

/** Resolves pipe references with injection; global pipes once, scoped ones per controller. */
export class PipeResolver {
  readonly #create: PipeFactory;
  readonly #global: readonly PipeTransform[];

  constructor(globals: readonly PipeReference[], create: PipeFactory) {
    this.#create = create;
    this.#global = this.#resolve(globals, undefined, (reference) =>
      this.#invalid('CORBEL_ERR_INVALID_PIPELINE_STAGE', `${describeValue(reference)} in the global pipes`),
    );
  }

  /** The pipes of `controller.handlerName`'s parameters, read once. */
  forHandler(controller: Constructor, handlerName: string): HandlerPipes {
    const where = (scope: string) => (reference: unknown) =>
      this.#invalid('CORBEL_ERR_INVALID_PIPELINE_STAGE', `${describeValue(reference)} in @UsePipes on ${scope}`);
    const scoped = [
      ...this.#global,
      ...this.#resolve(readUsePipes(controller), controller, where(controller.name)),
      ...this.#resolve(
        readUsePipes(controller.prototype as object, handlerName),
        controller,
        where(`${controller.name}.${handlerName}`),
      ),
    ];
    return {
      forParameter: (parameter) => {
        const own = this.#resolve(parameter.pipes ?? [], controller, (reference) =>
          this.#invalid(
            'CORBEL_ERR_INVALID_PARAMETER',
            `${parameter.usedBy}: an argument it does not understand: ${describeValue(reference)}`,
          ),
        );
        const pipes = SCOPED.has(parameter.source) ? [...scoped, ...own] : own;
        if (pipes.length === 0) return null;
        return { pipes, settings: this.#settings(pipes, parameter.usedBy) };
      },
    };
  }

  /** The ValidationPipe options, merged in order (a narrower pipe's options win). */
  #settings(pipes: readonly PipeTransform[], usedBy: string): ValidationSettings | undefined {
    let merged: ValidationSettings | undefined;
    for (const pipe of pipes) {
      if (!(pipe instanceof ValidationPipe)) continue;
      const found = settingsOf(pipe);
      if ('refused' in found) throw new CorbelError('CORBEL_ERR_INVALID_PARAMETER', `${usedBy}: ${found.refused}`);
      merged = { ...merged, ...found.settings };
    }
    return merged;
  }

  #resolve(
    references: readonly unknown[],
    user: Constructor | undefined,
    invalid: (reference: unknown) => CorbelError,
  ): PipeTransform[] {
    return references.map((reference) => {
      if (isPipeClass(reference)) return this.#create(reference, user);
      if (isPipe(reference)) return reference;
      throw invalid(reference);
    });
  }

  #invalid(code: ErrorCode, problem: string): CorbelError {
    return new CorbelError(
      code,
      `${problem}; expected a pipe: a class with transform(value, metadata) (ParseIntPipe), or an instance of one ` +
        '(new DefaultValuePipe(1)), after the name and the options object',
    );
  }
}
