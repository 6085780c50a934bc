// Compiles a handler's parameters once at start-up into extractors grouped by location, run in kui's order.

import { isPromise } from '../async/is-promise';
import { CorbelError } from '../errors/corbel-error';
import { withoutStack } from '../errors/without-stack';
import {
  type ParameterLocation,
  RequestValidationError,
  type ValidationErrorEntry,
} from '../exceptions/request-validation-error';
import { isFormBody } from '../http/form-body';
import type { CorbelRequest } from '../http/request';
import type { AnyClass } from '../metadata/constructor';
import type { ParameterDefinition } from '../metadata/parameter-metadata';
import { compilePipeChain, metadataTypeOf, type PipeChain } from '../pipes/pipe-chain';
import type { HandlerPipes } from '../pipes/pipe-resolver';
import type { UploadReading } from '../uploads/upload-reader';
import { type DtoCheck, type DtoValidator, isDtoClass } from '../validation/dto-validator';
import { ConversionFailure, converterFor } from './convert';
import { checkParameterDeclaration, describeParameter, type ParameterOwner } from './parameter-declaration';

/** Reads one argument; failures go into `errors`, so every failure of a location is reported at once. */
type Extractor = (request: CorbelRequest, errors: ValidationErrorEntry[]) => unknown;

interface Binding {
  readonly index: number;
  readonly extract: Extractor;
}

/** Binds a location's arguments into `args`; throws (or rejects with) `RequestValidationError`. */
export type Phase = (request: CorbelRequest, args: unknown[]) => void | Promise<void>;

/** Everything the binder needs to know about the handler, for building it and for naming it in errors. */
export interface HandlerDescription extends ParameterOwner {
  readonly path: string;
  readonly pathParameters: readonly string[];
  readonly parameters: readonly ParameterDefinition[];
  /** The multipart reading of a route with @UploadedFile/@UploadedFiles parameters; absent for any other. */
  readonly uploads?: UploadReading | null;
  /** The pipes of the handler's parameters; without them, no parameter is piped. */
  readonly pipes?: HandlerPipes;
}

export interface CompiledParameters {
  readonly count: number;
  readonly readsBody: boolean;
  /** Path, query, header and cookie phases, in that order. */
  readonly beforeBody: readonly Phase[];
  readonly body: Phase | null;
  /** An upload route reads its body with this (multipart) instead of the JSON/form/text reader; null otherwise. */
  readonly uploads: ((request: CorbelRequest) => Promise<void>) | null;
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
  const declared = parameter.type ?? handler.declaredTypes?.[parameter.index];
  // TypeScript emits `Function` when the parameter's class was imported with `import type`: validation would be
  // skipped silently, so refuse to start instead.
  if (declared === Function) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_PARAMETER',
      `${describeParameter(handler, parameter)}: its declared type was emitted as Function, which happens when the ` +
        'class is imported with `import type`; import it as a value so its metadata (and validation) survive',
    );
  }
  const usedBy = describeParameter(handler, parameter);
  const piped = handler.pipes?.forParameter({ source: location, pipes: parameter.pipes, usedBy }) ?? null;
  const dtoType = Array.isArray(declared) ? declared : isDtoClass(declared) ? (declared as AnyClass) : undefined;
  const dtoLoc = name === undefined ? [] : [name];
  const dtoCheck: DtoCheck | undefined = dtoType
    ? validator.compile(dtoType as AnyClass | [AnyClass], location, dtoLoc, usedBy, { overrides: piped?.settings })
    : undefined;
  // A form's values are strings, as a query's are: its DTOs convert them implicitly ('2' → 2 for @IsInt()).
  const formCheck: DtoCheck | undefined =
    dtoType && location === 'body'
      ? validator.compile(dtoType as AnyClass | [AnyClass], location, dtoLoc, usedBy, {
          implicitConversion: true,
          overrides: piped?.settings,
        })
      : undefined;
  const extract = compileBaseExtractor(parameter, location, declared, dtoCheck, formCheck, readRecord);
  if (!piped) return extract;
  const metatype = Array.isArray(declared)
    ? Array
    : typeof declared === 'function'
      ? (declared as AnyClass)
      : undefined;
  const chain = compilePipeChain(
    piped.pipes,
    { validator, location, metatype: declared, usedBy, settings: piped.settings },
    { type: metadataTypeOf(location), metatype, data: name },
    name === undefined ? [] : [name],
  );
  return chain ? withPipes(extract, chain) : extract;
}

/** Runs the pipes after the parameter's own conversion and validation, and only when those found nothing wrong. */
function withPipes(extract: Extractor, chain: PipeChain): Extractor {
  return (request, errors) => {
    const mark = errors.length;
    const value = extract(request, errors);
    if (isPromise(value)) return value.then((settled) => (errors.length > mark ? settled : chain(settled, errors)));
    return errors.length > mark ? value : chain(value, errors);
  };
}

function compileBaseExtractor(
  parameter: ParameterDefinition,
  location: ParameterLocation,
  declared: unknown,
  dtoCheck: DtoCheck | undefined,
  formCheck: DtoCheck | undefined,
  readRecord: (request: CorbelRequest) => Record<string, unknown>,
): Extractor {
  const { name } = parameter;

  if (name === undefined) {
    if (formCheck && dtoCheck) {
      return (request, errors) => (isFormBody(request.body) ? formCheck : dtoCheck)(request.body, errors);
    }
    if (dtoCheck)
      return (request, errors) => dtoCheck(location === 'body' ? request.body : readRecord(request), errors);
    return (request) => (location === 'body' ? request.body : readRecord(request));
  }

  const loc = [name];
  const convert = converterFor(declared);
  const hasDefault = parameter.hasDefault === true;
  const defaultValue = parameter.defaultValue;
  // A named DTO field (@Body('user') user: UserDto) is required unless it says otherwise or has a default: a
  // missing one would otherwise skip validation altogether.
  const required = parameter.required ?? (dtoCheck !== undefined && !hasDefault);
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
    if (dtoCheck) return formCheck && isFormBody(request.body) ? formCheck(raw, errors) : dtoCheck(raw, errors);
    // JSON body fields are already typed; only strings from the URL, headers and forms need converting.
    if (isBody && !isFormBody(request.body)) return raw;
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

/** The upload parameters' bindings; a parameter that also has another parameter decorator is refused. */
function bindUploads(handler: HandlerDescription, uploads: UploadReading | null): Binding[] {
  if (uploads === null) return [];
  for (const { index } of uploads.bindings) {
    const other = handler.parameters.find((parameter) => parameter.index === index);
    if (other) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_PARAMETER',
        `${describeParameter(handler, other)}: parameter #${index + 1} also has an upload decorator; give it one`,
      );
    }
  }
  return [...uploads.bindings];
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
    checkParameterDeclaration(handler, parameter);
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
  const uploads = handler.uploads ?? null;
  const bodyBindings = [...(byLocation.get('body') ?? []), ...bindUploads(handler, uploads)];
  const count = [...handler.parameters, ...(uploads?.bindings ?? [])].reduce(
    (max, parameter) => Math.max(max, parameter.index + 1),
    0,
  );
  return {
    count,
    readsBody: bodyBindings.length > 0 || requestBindings.length > 0,
    beforeBody,
    body: bodyBindings.length > 0 ? compilePhase('body', bodyBindings) : null,
    uploads: uploads?.read ?? null,
  };
}
