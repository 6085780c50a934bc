// What the parameter decorators record: a typed list per method, never a string to parse back.
import type { AnyClass } from './constructor';
import { DESIGN_PARAMTYPES, PARAMETERS } from './keys';
import { readMetadata, readOwnMetadata, writeMetadata } from './reflect';

/** Where a parameter's value comes from. `request` is the whole request object (@Req). */
export type ParameterSource = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'request';

/** An explicit type for a parameter, when `design:paramtypes` cannot say it: a DTO class or `[Dto]` for arrays. */
export type ParameterType = AnyClass | readonly [AnyClass];

export interface ParameterDefinition {
  readonly index: number;
  readonly source: ParameterSource;
  /** The field to read; absent means the whole record (the whole body for @Body()). */
  readonly name?: string;
  readonly required?: boolean;
  readonly hasDefault?: boolean;
  readonly defaultValue?: unknown;
  readonly type?: ParameterType;
  /** A sentence for the API's documentation. */
  readonly description?: string;
  /** An example value for the API's documentation. */
  readonly example?: unknown;
  /** Option keys the decorator does not know, as written (`requird`); refused at start-up. */
  readonly unknownOptions?: readonly string[];
  /**
   * The arguments after the name that are not the options object, as given: the pipes
   * (`@Param('id', new ParseIntPipe())`), resolved (or refused when they are not pipes) at start-up.
   */
  readonly pipes?: readonly unknown[];
  /** @Cookie only: read the value from the signature-checked cookies. */
  readonly signed?: boolean;
}

export function defineParameter(prototype: object, handlerName: string, parameter: ParameterDefinition): void {
  const parameters = readOwnMetadata<ParameterDefinition[]>(PARAMETERS, prototype, handlerName) ?? [];
  writeMetadata(PARAMETERS, [...parameters, parameter], prototype, handlerName);
}

/** The declared parameters of a handler, ordered by position. */
export function readParameters(prototype: object, handlerName: string): readonly ParameterDefinition[] {
  const parameters = readOwnMetadata<ParameterDefinition[]>(PARAMETERS, prototype, handlerName) ?? [];
  return [...parameters].sort((a, b) => a.index - b.index);
}

/**
 * The types TypeScript emitted for a method's parameters (`design:paramtypes`); undefined when none were emitted
 * (a build without `emitDecoratorMetadata`: tsx, esbuild, Vite).
 */
export function readParameterTypes(prototype: object, handlerName: string): readonly unknown[] | undefined {
  return readMetadata<unknown[]>(DESIGN_PARAMTYPES, prototype, handlerName);
}
