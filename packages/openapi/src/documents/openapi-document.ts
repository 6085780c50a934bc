// The OpenAPI 3.1 objects the builder writes, typed as far as Corbel fills them in.
import type { JsonSchema } from '../schemas/json-schema';

export interface InfoObject {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

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

export interface TagObject {
  name: string;
  description?: string;
}

export type ParameterLocationName = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterObject {
  name: string;
  in: ParameterLocationName;
  required: boolean;
  schema: JsonSchema;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
}

export interface RequestBodyObject {
  required: boolean;
  content: Record<string, MediaTypeObject>;
  description?: string;
}

export interface HeaderObject {
  schema: JsonSchema;
  description?: string;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
  headers?: Record<string, HeaderObject>;
}

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

export type HttpMethodName = 'get' | 'put' | 'post' | 'delete' | 'options' | 'patch';

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
