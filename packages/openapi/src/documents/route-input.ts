// A route's `parameters` and `requestBody`, from its bound parameters as the binder reads them.
import { isDtoClass, type RouteDescription, type RouteParameterDescription } from '@corbel/core';
import { type JsonSchema, typesOf } from '../schemas/json-schema';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { MediaTypeObject, ParameterLocationName, ParameterObject, RequestBodyObject } from './openapi-document';
import type { TemplateParameter } from './path-template';

type AnyClass = abstract new (...args: never[]) => object;

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const TEXT_TYPE = 'text/plain';

/** The DTO class a parameter's type names, or undefined for anything else. */
export function dtoOf(type: unknown): AnyClass | undefined {
  return isDtoClass(type) ? (type as AnyClass) : undefined;
}

function isDtoArray(type: unknown): type is readonly [AnyClass] {
  return Array.isArray(type) && type.length === 1 && isDtoClass(type[0]);
}

/** Query, header, cookie, path and form values are never null: what the validator allows for null does not apply. */
export function withoutNull(schema: JsonSchema): JsonSchema {
  const types = typesOf(schema);
  if (types?.includes('null')) {
    const rest = types.filter((type) => type !== 'null');
    return { ...schema, type: rest.length === 1 ? rest[0] : rest };
  }
  const branches = schema.anyOf;
  if (branches?.length === 2 && branches.some((branch) => branch.type === 'null')) {
    const { anyOf: _anyOf, ...rest } = schema;
    return { ...(branches.find((branch) => branch.type !== 'null') as JsonSchema), ...rest };
  }
  return schema;
}

/** The schema of a named value converted from a string by its declared type, as `@Query('page') page: number`. */
function convertedSchema(type: unknown, registry: SchemaRegistry): JsonSchema {
  // An array parameter collects repeated query keys; its elements stay strings.
  if (type === Array) return { type: 'array', items: { type: 'string' } };
  return registry.schemaOf(type);
}

function isJsonValue(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

function namedParameter(parameter: RouteParameterDescription, registry: SchemaRegistry): ParameterObject {
  const schema = convertedSchema(parameter.type, registry);
  if (parameter.hasDefault && isJsonValue(parameter.defaultValue)) schema.default = parameter.defaultValue;
  const location = parameter.source as ParameterLocationName;
  const documented: ParameterObject = {
    name: parameter.name as string,
    in: location,
    required: location === 'path' || parameter.required,
    schema,
  };
  if (parameter.description !== undefined) documented.description = parameter.description;
  if (parameter.example !== undefined) documented.example = parameter.example;
  return documented;
}

/** `@Query() query: SearchQuery`: one parameter per property of the DTO. */
function expandedParameters(
  parameter: RouteParameterDescription,
  type: AnyClass,
  registry: SchemaRegistry,
): ParameterObject[] {
  const location = parameter.source as ParameterLocationName;
  return registry.propertiesOf(type).map((property) => {
    const documented: ParameterObject = {
      name: property.name,
      in: location,
      required: location === 'path' || property.required,
      schema: withoutNull(property.schema),
    };
    if (property.description !== undefined) documented.description = property.description;
    if (property.example !== undefined) documented.example = property.example;
    if (property.deprecated !== undefined) documented.deprecated = property.deprecated;
    return documented;
  });
}

/**
 * The operation's parameters: named ones with their converted type, `required` and `default`; DTO records
 * expanded into one parameter per property; and every path parameter the template has, even if no @Param reads it.
 * @example routeParameters(route, template.parameters, registry) // [{ name: 'id', in: 'path', required: true, … }]
 */
export function routeParameters(
  route: RouteDescription,
  template: readonly TemplateParameter[],
  registry: SchemaRegistry,
): ParameterObject[] {
  const documented: ParameterObject[] = [];
  const names = new Set<string>();
  const add = (parameter: ParameterObject) => {
    const key = `${parameter.in} ${parameter.name}`;
    // A path DTO's property that the template does not have can never be given: it is not a parameter.
    if (parameter.in === 'path' && !template.some((known) => known.name === parameter.name)) return;
    if (names.has(key)) return;
    names.add(key);
    documented.push(parameter);
  };
  for (const parameter of route.parameters) {
    if (parameter.source === 'body' || parameter.source === 'request') continue;
    if (parameter.name !== undefined) add(namedParameter(parameter, registry));
    else {
      const dto = dtoOf(parameter.type);
      if (dto) for (const expanded of expandedParameters(parameter, dto, registry)) add(expanded);
    }
  }
  for (const { name, pattern } of template) {
    if (!names.has(`path ${name}`)) add({ name, in: 'path', required: true, schema: { type: 'string' } });
    const declared = documented.find((parameter) => parameter.in === 'path' && parameter.name === name);
    // find-my-way matches `:id(^\d+$)` against its expression: a value that does not match never reaches the route.
    if (declared && pattern !== undefined && typesOf(declared.schema)?.includes('string'))
      declared.schema.pattern = pattern;
  }
  return documented;
}

/** The schema of one named `@Body('field')` value: its declared type, with its default, description and example. */
export function bodyFieldSchema(field: RouteParameterDescription, registry: SchemaRegistry): JsonSchema {
  const schema = registry.schemaOf(field.type);
  if (field.hasDefault && isJsonValue(field.defaultValue)) schema.default = field.defaultValue;
  if (field.description !== undefined) schema.description = field.description;
  if (field.example !== undefined) schema.example = field.example;
  return schema;
}

/** True when a form (every value a string, repeated keys an array of strings) can satisfy the object schema. */
function acceptsForm(properties: readonly JsonSchema[]): boolean {
  const acceptsString = (schema: JsonSchema): boolean => {
    if (schema.$ref !== undefined || schema.allOf || schema.oneOf || schema.enum || schema.const !== undefined) {
      return false;
    }
    if (schema.anyOf) return schema.anyOf.some(acceptsString);
    const types = typesOf(schema);
    if (types === undefined || types.includes('string')) return true;
    return types.includes('array') && schema.items !== undefined && acceptsString(schema.items);
  };
  return properties.every(acceptsString);
}

function bodyContent(schema: JsonSchema, formToo: boolean): Record<string, MediaTypeObject> {
  return formToo ? { [JSON_TYPE]: { schema }, [FORM_TYPE]: { schema } } : { [JSON_TYPE]: { schema } };
}

/**
 * The request body of a route that binds one: a `@Body()` DTO (JSON, and a form when strings can satisfy it), an
 * array of DTOs, named `@Body('field')` fields as an object, or a raw body. Nothing for a route without @Body (even
 * one with @Req, which reads the body but declares no shape).
 * @example routeRequestBody(route, registry) // { required: true, content: { 'application/json': { schema: { $ref… } } } }
 */
export function routeRequestBody(route: RouteDescription, registry: SchemaRegistry): RequestBodyObject | undefined {
  const bodies = route.parameters.filter((parameter) => parameter.source === 'body');
  if (bodies.length === 0) return undefined;
  const whole = bodies.filter((parameter) => parameter.name === undefined);
  const fields = bodies.filter((parameter) => parameter.name !== undefined);
  const schemas: JsonSchema[] = [];
  let formToo = true;
  let required = fields.length > 0;
  const description = bodies.find((parameter) => parameter.description !== undefined)?.description;
  for (const parameter of whole) {
    const dto = dtoOf(parameter.type);
    if (dto) {
      schemas.push(registry.refFor(dto));
      formToo &&= acceptsForm(registry.propertiesOf(dto).map((property) => property.schema));
      required = true;
    } else if (isDtoArray(parameter.type)) {
      schemas.push(registry.schemaOf(parameter.type));
      formToo = false;
      required = true;
    } else {
      // Not validated: the handler gets whatever the body reader parsed (JSON, a form, or text).
      const content: Record<string, MediaTypeObject> =
        parameter.type === String
          ? { [TEXT_TYPE]: { schema: { type: 'string' } } }
          : {
              [JSON_TYPE]: { schema: {} },
              [FORM_TYPE]: { schema: { type: 'object' } },
              [TEXT_TYPE]: { schema: { type: 'string' } },
            };
      return { required: false, content, ...(description === undefined ? {} : { description }) };
    }
  }
  if (fields.length > 0) {
    const properties: Record<string, JsonSchema> = {};
    const requiredFields: string[] = [];
    for (const field of fields) {
      properties[field.name as string] = bodyFieldSchema(field, registry);
      if (field.required) requiredFields.push(field.name as string);
    }
    const object: JsonSchema = { type: 'object', properties };
    if (requiredFields.length > 0) object.required = requiredFields;
    formToo &&= acceptsForm(Object.values(properties));
    schemas.push(object);
  }
  const schema = schemas.length === 1 ? schemas[0] : { allOf: schemas };
  return { required, content: bodyContent(schema, formToo), ...(description === undefined ? {} : { description }) };
}
