// The OpenAPI 3.1 objects the builder writes, typed as far as Corbel fills them in.
import type { JsonSchema } from '../schemas/json-schema';

/** The document's `info`: the API's title, version and description. */
export interface InfoObject {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

/** An OpenAPI server: a base URL the API is served at. */
export interface ServerObject {
  readonly url: string;
  readonly description?: string;
}

/** A security scheme, as OpenAPI spells it (`{ type: 'http', scheme: 'bearer' }`, `{ type: 'apiKey', … }`…). */
export type SecuritySchemeObject =
  | { readonly type: 'http'; readonly scheme: string; readonly bearerFormat?: string; readonly description?: string }
  | {
      readonly type: 'apiKey';
      readonly name: string;
      readonly in: 'query' | 'header' | 'cookie';
      readonly description?: string;
    }
  | { readonly type: 'oauth2'; readonly flows: Readonly<Record<string, unknown>>; readonly description?: string }
  | { readonly type: 'openIdConnect'; readonly openIdConnectUrl: string; readonly description?: string }
  | { readonly type: 'mutualTLS'; readonly description?: string };

/** The schemes (by name in `securitySchemes`) and scopes a request must satisfy: `{ bearer: [] }`. */
export type SecurityRequirementObject = Readonly<Record<string, readonly string[]>>;

/** An OpenAPI tag: a group of operations (a controller, by default) with its description. */
export interface TagObject {
  name: string;
  description?: string;
}

/** Where an OpenAPI parameter is read from. */
export type ParameterLocationName = 'path' | 'query' | 'header' | 'cookie';

/** An OpenAPI parameter: one `@Param`, `@Query`, `@Headers` or `@Cookie` value, with its schema. */
export interface ParameterObject {
  name: string;
  in: ParameterLocationName;
  required: boolean;
  schema: JsonSchema;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
}

/** How one property of a `multipart/form-data` body is sent: the content types its part may declare. */
export interface EncodingObject {
  /** Comma-separated media types or ranges (`image/png, image/*`). */
  contentType?: string;
}

/** The schema (and example) of a body for one content type. */
export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  /** Per property of a multipart body. */
  encoding?: Record<string, EncodingObject>;
}

/** An operation's request body: its content types and whether it is required. */
export interface RequestBodyObject {
  required: boolean;
  content: Record<string, MediaTypeObject>;
  description?: string;
}

/** A response header an answer carries (`Allow`, `Retry-After`, …). */
export interface HeaderObject {
  schema: JsonSchema;
  description?: string;
}

/** One documented answer of an operation: its description, headers and body. */
export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
  headers?: Record<string, HeaderObject>;
}

/** One route and method: parameters, body, answers (from its filter table), tags and operationId. */
export interface OperationObject {
  operationId: string;
  tags: string[];
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
}

/** The lower-case method names an OpenAPI path item is keyed by. */
export type HttpMethodName = 'get' | 'put' | 'post' | 'delete' | 'options' | 'patch';

/** The operations of one path, by method. */
export type PathItemObject = Partial<Record<HttpMethodName, OperationObject>>;

/** The document `buildOpenApiDocument` returns and `/openapi.json` serves. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: InfoObject;
  servers?: ServerObject[];
  tags?: TagObject[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
  };
  security?: SecurityRequirementObject[];
}
