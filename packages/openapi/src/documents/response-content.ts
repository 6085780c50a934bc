// The `content` of a response whose body has a declared type (@Returns), by the content type Corbel sends it as.
import type { ReturnsType } from '@corbel/core';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { MediaTypeObject } from './openapi-document';

const JSON_TYPE = 'application/json';

/**
 * What a value of `type` is sent as, as a handler's result or a filter's answer is: a string as `text/plain`,
 * bytes as `application/octet-stream`, anything else as JSON.
 * @example contentFor(UserDto, registry) // { 'application/json': { schema: { $ref: '#/components/schemas/UserDto' } } }
 */
export function contentFor(
  type: ReturnsType,
  registry: SchemaRegistry,
  example?: unknown,
): Record<string, MediaTypeObject> {
  const withExample = (media: MediaTypeObject): MediaTypeObject =>
    example === undefined ? media : { ...media, example };
  if (type === String) return { 'text/plain': withExample({ schema: { type: 'string' } }) };
  if (type === Buffer || type === Uint8Array) {
    return {
      'application/octet-stream': withExample({
        schema: { type: 'string', contentMediaType: 'application/octet-stream' },
      }),
    };
  }
  return { [JSON_TYPE]: withExample({ schema: registry.schemaOf(type) }) };
}

/** The JSON content of a schema the builder already has (a built-in error body). */
export function jsonContent(media: MediaTypeObject): Record<string, MediaTypeObject> {
  return { [JSON_TYPE]: media };
}
