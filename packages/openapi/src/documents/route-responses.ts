// A route's `responses`: its success answer, and for every error it can produce the body its filter table sends.
import { STATUS_CODES } from 'node:http';
import {
  HTTPException,
  HTTPForbidden,
  HTTPNotFound,
  isDtoClass,
  type ParameterLocation,
  RequestValidationError,
  type RouteDescription,
  type RouteParameterDescription,
} from '@corbel/core';
import type { JsonSchema } from '../schemas/json-schema';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { BuiltinSchemas } from './builtin-schemas';
import { exemplarOf, resolveError } from './error-answers';
import { eventStreamAnswer } from './event-stream-response';
import type { HeaderObject, MediaTypeObject, ResponseObject } from './openapi-document';
import { contentFor, jsonContent } from './response-content';

/** An error the route can produce, and why. */
interface Candidate {
  readonly error: unknown;
  readonly description: string;
  /** Said instead when a user filter answers, where the default sentence would name the default's answer. */
  readonly cause?: string;
  /** True for a @Throws with its own sentence, which then describes the status rather than the default phrase. */
  readonly declared: boolean;
}

/** One body a status may carry; `content` null for no body, undefined when the answer's shape is not declared. */
interface Answer {
  readonly status: number;
  readonly content: Record<string, MediaTypeObject> | null | undefined;
  readonly description: string;
  /** 2: the filter's @Returns says it; 1: a @Throws says it; 0: Corbel's default sentence. */
  readonly weight: number;
  readonly headers?: Record<string, HeaderObject>;
}

export interface ResponseContext {
  readonly registry: SchemaRegistry;
  readonly builtins: BuiltinSchemas;
  readonly where: string;
}

const CONVERTED = new Set<unknown>([Number, Boolean]);

function reason(status: number): string {
  return STATUS_CODES[status] ?? `Status ${status}`;
}

/** True when binding this parameter can fail: a required or converted value, a DTO, or any body field. */
function canFail(parameter: RouteParameterDescription): boolean {
  if (parameter.source === 'request') return false;
  const isDto = isDtoClass(parameter.type) || (Array.isArray(parameter.type) && isDtoClass(parameter.type[0]));
  if (parameter.name === undefined) return isDto;
  if (parameter.source === 'body') return true;
  // A repeated query key or header given to a string parameter is a `multiple_values` error.
  const single = parameter.type === String && (parameter.source === 'query' || parameter.source === 'header');
  return parameter.required || isDto || CONVERTED.has(parameter.type) || single;
}

/** Why a body is refused, by status: a JSON, form or text body, or a multipart body read by the upload plan. */
const BODY_REFUSALS = {
  400: 'The body is not valid JSON or UTF-8',
  413: 'The body is over the size limit',
  415: 'Unsupported content type',
} as const;
const UPLOAD_REFUSALS = {
  400: 'The multipart body is malformed, or a file comes in a field no parameter takes (or twice for one @UploadedFile)',
  413: 'A file is over its maxSize or uploads.fileSize, or there are more files, fields or parts than a limit allows',
  415: 'The body is not multipart/form-data',
} as const;

/** What a 422 for the body of an upload route can report: missing files, refused types, form fields. */
function uploadValidation(route: RouteDescription, fieldsCanFail: boolean): string | undefined {
  const reasons: string[] = [];
  if (route.uploads.some((upload) => upload.required)) reasons.push('a required file is missing');
  if (route.uploads.some((upload) => upload.mimeTypes !== undefined)) {
    reasons.push("a file's type is refused (file_type)");
  }
  if (fieldsCanFail) reasons.push('a form field does not validate');
  return reasons.length === 0 ? undefined : `Validation failed (body: ${reasons.join(', ')})`;
}

function candidatesOf(route: RouteDescription, where: string): Candidate[] {
  const candidates: Candidate[] = [];
  const failing = new Set(route.parameters.filter(canFail).map((parameter) => parameter.source as ParameterLocation));
  const takesFiles = route.uploads.length > 0;
  if (failing.has('path')) {
    const error = new RequestValidationError([], 'path');
    candidates.push({ error, description: 'Not Found', cause: 'The path does not validate', declared: false });
  }
  const validation = (location: Exclude<ParameterLocation, 'path'>): string | undefined => {
    // The upload plan's missing files and refused types are body entries too, reported with the form's.
    if (location === 'body' && takesFiles) return uploadValidation(route, failing.has('body'));
    return failing.has(location) ? `Validation failed (${location})` : undefined;
  };
  for (const location of ['query', 'header', 'cookie', 'body'] as const) {
    const description = validation(location);
    if (description !== undefined) {
      candidates.push({ error: new RequestValidationError([], location), description, declared: false });
    }
  }
  candidates.push({ error: new HTTPNotFound(), description: 'Not Found', declared: false });
  if (route.readsBody) {
    const refusals = takesFiles ? UPLOAD_REFUSALS : BODY_REFUSALS;
    for (const status of [400, 413, 415] as const) {
      candidates.push({ error: new HTTPException(status), description: refusals[status], declared: false });
    }
  }
  if (route.hasGuards) candidates.push({ error: new HTTPForbidden(), description: 'A guard refused', declared: false });
  for (const declaration of route.throws) {
    const error = exemplarOf(declaration.error, where);
    const status = error instanceof HTTPException ? error.statusCode : undefined;
    const description = declaration.description ?? (status === undefined ? 'Error' : reason(status));
    candidates.push({ error, description, declared: declaration.description !== undefined });
  }
  candidates.push({ error: new Error('unexpected'), description: 'Internal Server Error', declared: false });
  return candidates;
}

function builtinAnswer(candidate: Candidate, error: unknown, key: string, builtins: BuiltinSchemas): Answer {
  const weight = candidate.declared ? 1 : 0;
  const { description } = candidate;
  if (key === 'validation') {
    return { status: 422, content: jsonContent({ schema: builtins.validationErrors }), description, weight };
  }
  if ((key === 'http' || key === 'redirect') && error instanceof HTTPException) {
    const status = error.statusCode;
    if (key === 'redirect') {
      const headers = { Location: { schema: { type: 'string' } as JsonSchema, description: 'Where to go' } };
      return { status, content: null, description, weight, headers };
    }
    // 204 and 304 carry no body (RFC 9110).
    const content = status === 204 || status === 304 ? null : jsonContent({ schema: builtins.httpError });
    return { status, content, description, weight };
  }
  // Everything else (a WebSocketException over HTTP included) is the internal error.
  return { status: 500, content: jsonContent({ schema: builtins.httpError }), description, weight };
}

function answersTo(route: RouteDescription, candidate: Candidate, context: ResponseContext): Answer[] {
  const resolution = resolveError(route.filters, candidate.error);
  if (resolution.kind === 'builtin') {
    return [builtinAnswer(candidate, resolution.error, resolution.key, context.builtins)];
  }
  const answered = `${candidate.cause ?? candidate.description} (answered by ${resolution.filter})`;
  if (resolution.returns.length === 0) {
    return [
      { status: resolution.status, content: undefined, description: answered, weight: candidate.declared ? 1 : 0 },
    ];
  }
  return resolution.returns.map((declared) => ({
    status: declared.status ?? resolution.status,
    content: contentFor(declared.type, context.registry),
    description: declared.description ?? answered,
    weight: declared.description === undefined ? (candidate.declared ? 1 : 0) : 2,
  }));
}

function successAnswers(route: RouteDescription, example: unknown, context: ResponseContext): Answer[] {
  if (route.isEventStream) {
    const { status, description, content, isDeclared } = eventStreamAnswer(
      route,
      context.registry,
      example,
      context.where,
    );
    return [{ status, content, description, weight: isDeclared ? 2 : 0 }];
  }
  if (route.declaredStatus === 204) return [{ status: 204, content: null, description: reason(204), weight: 0 }];
  if (route.returns.length === 0) {
    const content = example === undefined ? undefined : jsonContent({ example });
    return [{ status: route.status, content, description: reason(route.status), weight: 0 }];
  }
  return route.returns.map((declared) => ({
    status: declared.status ?? route.status,
    content: contentFor(declared.type, context.registry, example),
    description: declared.description ?? reason(declared.status ?? route.status),
    weight: declared.description === undefined ? 0 : 2,
  }));
}

/** Folds the answers of one status into one response: several bodies for a media type become a `oneOf`. */
function toResponse(answers: readonly Answer[]): ResponseObject {
  const top = Math.max(...answers.map((answer) => answer.weight));
  const description = [...new Set(answers.filter((answer) => answer.weight === top).map((a) => a.description))];
  const response: ResponseObject = { description: description.join('; ') };
  const schemas = new Map<string, JsonSchema[]>();
  const examples = new Map<string, unknown>();
  for (const answer of answers) {
    for (const [type, media] of Object.entries(answer.content ?? {})) {
      const list = schemas.get(type) ?? [];
      if (media.schema && !list.some((known) => JSON.stringify(known) === JSON.stringify(media.schema))) {
        list.push(media.schema);
      }
      schemas.set(type, list);
      if (media.example !== undefined) examples.set(type, media.example);
    }
    if (answer.headers) response.headers = { ...response.headers, ...answer.headers };
  }
  if (schemas.size > 0) {
    response.content = {};
    for (const [type, list] of schemas) {
      const media: MediaTypeObject = {};
      if (list.length === 1) media.schema = list[0];
      else if (list.length > 1) media.schema = { oneOf: list };
      if (examples.has(type)) media.example = examples.get(type);
      response.content[type] = media;
    }
  }
  return response;
}

/**
 * The responses of a route: the success status with the @Returns body (204 without content for @HttpCode(204), a
 * `text/event-stream` for @Sse), and each status its errors can produce — 422 per validated location (and for
 * missing or refused files), 404 (unknown resources, and paths that do not validate), 400/413/415 when it reads a
 * body (a multipart one for upload routes), 403 with guards, each @Throws, 500 — with the body the route's
 * own filter table sends: `{detail}`, the validation entries, or what a user filter's `catch` declares.
 * @example routeResponses(route, undefined, context)['404'] // { description: 'Not Found', content: { … } }
 */
export function routeResponses(
  route: RouteDescription,
  example: unknown,
  context: ResponseContext,
): Record<string, ResponseObject> {
  const byStatus = new Map<number, Answer[]>();
  const add = (answer: Answer) => byStatus.set(answer.status, [...(byStatus.get(answer.status) ?? []), answer]);
  for (const answer of successAnswers(route, example, context)) add(answer);
  for (const candidate of candidatesOf(route, context.where)) {
    for (const answer of answersTo(route, candidate, context)) add(answer);
  }
  const statuses = [...byStatus.keys()].sort((left, right) => left - right);
  return Object.fromEntries(statuses.map((status) => [String(status), toResponse(byStatus.get(status) ?? [])]));
}
