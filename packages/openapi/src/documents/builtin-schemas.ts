// The schemas of the bodies Corbel's built-in filters send: `{ detail }` and the validation entries.
import type { JsonSchema } from '../schemas/json-schema';
import type { SchemaRegistry } from '../schemas/schema-registry';

/** References to the built-in bodies, registered in one document. */
export interface BuiltinSchemas {
  /** `{"detail": "…"}`: every `HTTPException` the default filter answers, and the 500. */
  readonly httpError: JsonSchema;
  /** `[{ loc, msg, type, in }, …]`: a 422 from the default validation filter. */
  readonly validationErrors: JsonSchema;
  /** The `{ loc, msg, type, in }` entry alone, as WebSocket close reasons and filters see it. */
  readonly validationEntry: JsonSchema;
}

/**
 * Registers the built-in bodies under `HTTPError` and `ValidationErrorEntry`, names a user DTO will not take.
 * @example const { httpError } = registerBuiltinSchemas(registry); // { $ref: '#/components/schemas/HTTPError' }
 */
export function registerBuiltinSchemas(registry: SchemaRegistry): BuiltinSchemas {
  const httpError = registry.define('HTTPError', {
    type: 'object',
    description: "The default error body: the exception's detail, or the status's reason phrase.",
    properties: { detail: { type: 'string' } },
    required: ['detail'],
  });
  const validationEntry = registry.define('ValidationErrorEntry', {
    type: 'object',
    description: 'One failed check: where (`in` and `loc`, the path inside it), what (`type`) and a message.',
    properties: {
      loc: { type: 'array', items: { type: ['string', 'integer'] } },
      msg: { type: 'string' },
      type: { type: 'string' },
      in: { type: 'string', enum: ['path', 'query', 'header', 'cookie', 'body'] },
    },
    required: ['loc', 'msg', 'type', 'in'],
  });
  return { httpError, validationEntry, validationErrors: { type: 'array', items: validationEntry } };
}
