// Compiles a handler's parameters once at start-up into extractors grouped by location, run in kui's order.

import { isPromise } from '../async/is-promise';
import { CorbelError } from '../errors/corbel-error';
import { withoutStack } from '../errors/without-stack';
import {
  type ParameterLocation,
  RequestValidationError,
  type ValidationErrorEntry,
} from '../exceptions/request-validation-error';
import type { CorbelRequest } from '../http/request';
import type { AnyClass } from '../metadata/constructor';
import type { ParameterDefinition } from '../metadata/parameter-metadata';
import { type DtoCheck, type DtoValidator, isDtoClass } from '../validation/dto-validator';
import { ConversionFailure, converterFor } from './convert';

/** Reads one argument; failures go into `errors`, so every failure of a location is reported at once. */
type Extractor = (request: CorbelRequest, errors: ValidationErrorEntry[]) => unknown;

interface Binding {
  readonly index: number;
  readonly extract: Extractor;
}

/** Binds a location's arguments into `args`; throws (or rejects with) `RequestValidationError`. */
export type Phase = (request: CorbelRequest, args: unknown[]) => void | Promise<void>;

/** Everything the binder needs to know about the handler, for building it and for naming it in errors. */
export interface HandlerDescription {
  readonly owner: string;
  readonly path: string;
  readonly pathParameters: readonly string[];
  readonly parameters: readonly ParameterDefinition[];
  readonly declaredTypes: readonly unknown[];
}

export interface CompiledParameters {
  readonly count: number;
  readonly readsBody: boolean;
  /** Path, query, header and cookie phases, in that order. */
  readonly beforeBody: readonly Phase[];
  readonly body: Phase | null;
}

/** What the app offers the binder beyond the validator. */
export interface BindingSettings {
  /** The app has `cookies.secret`, so `@Cookie(name, { signed: true })` can be verified. */
  readonly signsCookies: boolean;
}

const LOCATION_ORDER: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];
const MISSING = { msg: 'Field required', type: 'missing' } as const;

function recordOf(request: CorbelRequest, location: ParameterLocation): Record<string, unknown> {
  switch (location) {
    case 'path':
      return request.params;
    case 'query':
      return request.query;
    case 'header':
      return request.headers;
    case 'cookie':
      return request.cookies;
    case 'body':
      return request.body as Record<string, unknown>;
  }
}

function describeParameter(handler: HandlerDescription, parameter: ParameterDefinition): string {
  const decorator = {
    path: 'Param',
    query: 'Query',
    header: 'Headers',
    cookie: 'Cookie',
    body: 'Body',
    request: 'Req',
  }[parameter.source];
  // A named decorator is unique enough; an unnamed one needs its position (counted from 1, as injection errors are).
  if (parameter.name !== undefined) return `@${decorator}('${parameter.name}') on ${handler.owner}`;
  return `@${decorator}() on ${handler.owner} (parameter #${parameter.index + 1})`;
}

function compileExtractor(
  handler: HandlerDescription,
  parameter: ParameterDefinition,
  location: ParameterLocation,
  validator: DtoValidator,
  settings: BindingSettings,
): Extractor {
  const { name } = parameter;
  if (parameter.signed === true && !settings.signsCookies) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `${describeParameter(handler, parameter)}: { signed: true } needs the app's cookie secret; pass ` +
        'createApp({ cookies: { secret } })',
    );
  }
  // A signed cookie is read from the verified record: a tampered or unsigned value is simply missing.
  const readRecord =
    parameter.signed === true
      ? (request: CorbelRequest): Record<string, unknown> => request.signedCookies
      : (request: CorbelRequest) => recordOf(request, location);
  const declared = parameter.type ?? handler.declaredTypes[parameter.index];
  // TypeScript emits `Function` when the parameter's class was imported with `import type`: validation would be
  // skipped silently, so refuse to start instead.
  if (declared === Function) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `${describeParameter(handler, parameter)}: its declared type was emitted as Function, which happens when the ` +
        'class is imported with `import type`; import it as a value so its metadata (and validation) survive',
    );
  }
  const dtoType = Array.isArray(declared) ? declared : isDtoClass(declared) ? (declared as AnyClass) : undefined;
  const dtoCheck: DtoCheck | undefined = dtoType
    ? validator.compile(dtoType as AnyClass | [AnyClass], location, name === undefined ? [] : [name])
    : undefined;

  if (name === undefined) {
    if (dtoCheck)
      return (request, errors) => dtoCheck(location === 'body' ? request.body : readRecord(request), errors);
    return (request) => (location === 'body' ? request.body : readRecord(request));
  }

  const loc = [name];
  const convert = converterFor(declared);
  const hasDefault = parameter.hasDefault === true;
  const defaultValue = parameter.defaultValue;
  const required = parameter.required === true;
  const isBody = location === 'body';

  return (request, errors) => {
    let raw: unknown;
    if (isBody) {
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        errors.push({ loc: [], msg: 'Input should be an object', type: 'object_type', in: 'body' });
        return undefined;
      }
      raw = (body as Record<string, unknown>)[name];
    } else {
      raw = readRecord(request)[name];
    }
    if (raw === undefined) {
      if (required) errors.push({ loc, ...MISSING, in: location });
      return hasDefault ? defaultValue : undefined;
    }
    if (dtoCheck) return dtoCheck(raw, errors);
    // Body fields are already typed by JSON; only strings from the URL and headers need converting.
    if (isBody) return raw;
    try {
      return convert(raw as string | string[]);
    } catch (failure) {
      if (!(failure instanceof ConversionFailure)) throw failure;
      errors.push({ loc, msg: failure.msg, type: failure.type, in: location });
      return undefined;
    }
  };
}

function validationFailure(errors: ValidationErrorEntry[], location: ParameterLocation): RequestValidationError {
  return withoutStack(() => new RequestValidationError(errors, location));
}

function compilePhase(location: ParameterLocation, bindings: readonly Binding[]): Phase {
  return (request, args) => {
    const errors: ValidationErrorEntry[] = [];
    let pending: Promise<unknown>[] | undefined;
    for (const { index, extract } of bindings) {
      const value = extract(request, errors);
      if (isPromise(value)) {
        pending ??= [];
        pending.push(
          value.then((settled) => {
            args[index] = settled;
          }),
        );
      } else {
        args[index] = value;
      }
    }
    if (pending) {
      return Promise.all(pending).then(() => {
        if (errors.length > 0) throw validationFailure(errors, location);
      });
    }
    if (errors.length > 0) throw validationFailure(errors, location);
  };
}

/** Reads the parameter metadata of one handler into phases. Misuse is reported here, at start-up. */
export function compileParameters(
  handler: HandlerDescription,
  validator: DtoValidator,
  settings: BindingSettings = { signsCookies: false },
): CompiledParameters {
  const byLocation = new Map<ParameterLocation, Binding[]>();
  const requestBindings: Binding[] = [];
  for (const parameter of handler.parameters) {
    if (parameter.source === 'request') {
      requestBindings.push({ index: parameter.index, extract: (request) => request });
      continue;
    }
    if (
      parameter.source === 'path' &&
      parameter.name !== undefined &&
      !handler.pathParameters.includes(parameter.name)
    ) {
      throw new CorbelError(
        'CORBEL_ERR_UNKNOWN_PATH_PARAM',
        `${describeParameter(handler, parameter)}: route '${handler.path}' has no ':${parameter.name}'`,
      );
    }
    const extract = compileExtractor(handler, parameter, parameter.source, validator, settings);
    const bindings = byLocation.get(parameter.source) ?? [];
    bindings.push({ index: parameter.index, extract });
    byLocation.set(parameter.source, bindings);
  }

  const beforeBody: Phase[] = [];
  for (const location of LOCATION_ORDER) {
    const bindings = byLocation.get(location);
    if (bindings) beforeBody.push(compilePhase(location, bindings));
  }
  if (requestBindings.length > 0) beforeBody.push(compilePhase('path', requestBindings));
  const bodyBindings = byLocation.get('body');
  const count = handler.parameters.reduce((max, parameter) => Math.max(max, parameter.index + 1), 0);
  return {
    count,
    readsBody: bodyBindings !== undefined || requestBindings.length > 0,
    beforeBody,
    body: bodyBindings ? compilePhase('body', bodyBindings) : null,
  };
}
