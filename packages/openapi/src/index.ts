// @corbel/openapi's public API; this file only re-exports.

export { Doc } from './decorators/doc';
export type * from './documents/asyncapi-document';
export { buildAsyncApiDocument } from './documents/build-asyncapi';
export { buildOpenApiDocument } from './documents/build-openapi';
export type { DocumentOptions, OpenApiOptions } from './documents/document-options';
export type * from './documents/openapi-document';
export type { DocOptions } from './metadata/doc-metadata';
export type { JsonSchema, JsonType } from './schemas/json-schema';
export { openApi } from './serving/open-api';
