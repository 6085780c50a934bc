// The JSON Schema (2020-12) subset the documents use, typed so the builders cannot misspell a keyword.

/** A JSON Schema `type` name. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** A schema as OpenAPI 3.1 (JSON Schema 2020-12) and AsyncAPI 3.0 read it. */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  contentMediaType?: string;
  /** The schema of a string's decoded content (a JSON text in an SSE event's `data`). */
  contentSchema?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  default?: unknown;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
  readOnly?: boolean;
  title?: string;
}

/** The types a value may have under `schema`'s own `type` keyword; undefined when it does not restrict them. */
export function typesOf(schema: JsonSchema): readonly JsonType[] | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * `schema`, also accepting `null`. A plain `type` gains `'null'` (keywords such as `minLength` apply to their own
 * type only, so null still passes them); anything that restricts every value (`$ref`, `enum`, `const`, …) is
 * wrapped in `anyOf`.
 * @example orNull({ type: 'string', minLength: 1 }) // { type: ['string', 'null'], minLength: 1 }
 */
export function orNull(schema: JsonSchema): JsonSchema {
  const types = typesOf(schema);
  const restrictsAll = ['$ref', 'enum', 'const', 'allOf', 'anyOf', 'oneOf', 'not'].some((key) => key in schema);
  if (restrictsAll) return { anyOf: [schema, { type: 'null' }] };
  if (types === undefined) return schema;
  if (types.includes('null')) return schema;
  return { ...schema, type: [...types, 'null'] };
}
