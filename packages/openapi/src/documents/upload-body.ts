// The `multipart/form-data` request body of an upload route: its text fields and its files, as the upload plan reads them.
import type { RouteDescription, RouteParameterDescription, RouteUploadDescription } from '@corbel/core';
import type { JsonSchema } from '../schemas/json-schema';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { EncodingObject, RequestBodyObject } from './openapi-document';
import { bodyFieldSchema, dtoOf, withoutNull } from './route-input';

const MULTIPART = 'multipart/form-data';

/** What a file's property says beyond its schema: its size limit and the types the plan checks. */
function fileNotes(upload: RouteUploadDescription): string[] {
  const notes: string[] = [];
  const each = upload.kind === 'files' ? ' each' : '';
  if (upload.maxSize !== undefined) notes.push(`at most ${upload.maxSize} bytes${each}`);
  if (upload.mimeTypes !== undefined) {
    notes.push(
      `${upload.mimeTypes.join(' or ')}, checked against the declared type and, for images and PDFs, the content`,
    );
  }
  return notes;
}

function binary(): JsonSchema {
  return { type: 'string', format: 'binary' };
}

/** The property of a named file field: one binary part, or several (repeated parts) with `maxItems` from `maxCount`. */
function fileFieldSchema(upload: RouteUploadDescription): JsonSchema {
  const notes = fileNotes(upload);
  const schema: JsonSchema = upload.kind === 'file' ? binary() : { type: 'array', items: binary() };
  if (upload.kind === 'files' && upload.maxCount !== undefined) schema.maxItems = upload.maxCount;
  if (notes.length > 0) schema.description = `${upload.kind === 'file' ? 'One file' : 'Files'}: ${notes.join('; ')}.`;
  return schema;
}

/**
 * `@UploadedFiles()` without a field takes every file of the body, whatever its field: OpenAPI cannot name such
 * fields, so they are `additionalProperties` (each an array of binary parts), and its limits are said in words.
 */
function everyFileSchema(upload: RouteUploadDescription): JsonSchema {
  const notes = [
    'Files in any field (the handler receives every file of the body, those of the fields above included)',
    ...(upload.maxCount === undefined ? [] : [`at most ${upload.maxCount} files in all`]),
    ...(upload.required ? ['at least one file'] : []),
    ...fileNotes(upload),
  ];
  return { type: 'array', items: binary(), description: `${notes.join('; ')}.` };
}

interface FormShape {
  readonly properties: Record<string, JsonSchema>;
  readonly required: string[];
  readonly encoding: Record<string, EncodingObject>;
  /** False once a raw `@Body()` takes text fields the document cannot name. */
  isClosed: boolean;
  everyFile: JsonSchema | undefined;
}

function addTextFields(shape: FormShape, parameter: RouteParameterDescription, registry: SchemaRegistry): void {
  if (parameter.name !== undefined) {
    shape.properties[parameter.name] = bodyFieldSchema(parameter, registry);
    if (parameter.required) shape.required.push(parameter.name);
    return;
  }
  const dto = dtoOf(parameter.type);
  // Not a DTO: the handler gets the text fields as they came, whatever their names.
  if (!dto) {
    shape.isClosed = false;
    return;
  }
  for (const property of registry.propertiesOf(dto)) {
    // A form's value is text: it is never null, and the DTO converts it (`'3'` → 3) before validating.
    const schema = withoutNull(property.schema);
    if (property.title !== undefined) schema.title = property.title;
    if (property.description !== undefined) schema.description = property.description;
    if (property.example !== undefined) schema.example = property.example;
    if (property.deprecated !== undefined) schema.deprecated = property.deprecated;
    shape.properties[property.name] = schema;
    if (property.required) shape.required.push(property.name);
  }
}

function addFiles(shape: FormShape, upload: RouteUploadDescription): void {
  if (upload.field === undefined) {
    shape.everyFile = everyFileSchema(upload);
    return;
  }
  shape.properties[upload.field] = fileFieldSchema(upload);
  if (upload.required) shape.required.push(upload.field);
  if (upload.mimeTypes !== undefined) shape.encoding[upload.field] = { contentType: upload.mimeTypes.join(', ') };
}

/**
 * The request body of a route with @UploadedFile/@UploadedFiles parameters: `multipart/form-data` only (such a
 * route answers anything else with a 415), one object whose properties are, in the handler's parameter order, the
 * text fields of its `@Body()` DTO or `@Body('field')` parameters and its file fields (`format: binary`, an array of
 * them for @UploadedFiles), `required` as bound, and an `encoding` entry with the accepted types of each file field
 * that declares `mimeTypes`. Undefined for a route that takes no files.
 * @example uploadRequestBody(route, registry)?.content['multipart/form-data'].encoding // { avatar: { contentType: 'image/png' } }
 */
export function uploadRequestBody(route: RouteDescription, registry: SchemaRegistry): RequestBodyObject | undefined {
  if (route.uploads.length === 0) return undefined;
  const shape: FormShape = { properties: {}, required: [], encoding: {}, isClosed: true, everyFile: undefined };
  const bodies = route.parameters.filter((parameter) => parameter.source === 'body');
  const inOrder = [
    ...bodies.map((parameter) => ({ index: parameter.index, add: () => addTextFields(shape, parameter, registry) })),
    ...route.uploads.map((upload) => ({ index: upload.index, add: () => addFiles(shape, upload) })),
  ].sort((left, right) => left.index - right.index);
  for (const { add } of inOrder) add();

  const schema: JsonSchema = { type: 'object', properties: shape.properties };
  if (shape.required.length > 0) schema.required = [...new Set(shape.required)];
  const hasDto = bodies.some((parameter) => parameter.name === undefined && dtoOf(parameter.type) !== undefined);
  if (shape.everyFile !== undefined) schema.additionalProperties = shape.everyFile;
  // A file in a field no parameter takes is a 400, but another text field is only refused by a closed DTO.
  else if (shape.isClosed && hasDto && registry.closesObjects) schema.additionalProperties = false;
  const media = Object.keys(shape.encoding).length > 0 ? { schema, encoding: shape.encoding } : { schema };
  const description = bodies.find((parameter) => parameter.description !== undefined)?.description;
  return {
    // A request without a body is read as an empty form: it fails only when something is required.
    required: schema.required !== undefined || route.uploads.some((upload) => upload.required),
    content: { [MULTIPART]: media },
    ...(description === undefined ? {} : { description }),
  };
}
