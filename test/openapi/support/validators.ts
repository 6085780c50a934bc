// Real validators for the generated documents: the OpenAPI 3.1 schema, the AsyncAPI parser, and ajv for schemas.
import { Parser } from '@asyncapi/parser';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

/** The OpenAPI 3.1 meta-schema's verdict (@seriousme/openapi-schema-validator is ESM: loaded by import()). */
export async function openApiErrors(document: unknown): Promise<unknown[]> {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const validator = new Validator();
  const result = await validator.validate(document as Parameters<typeof validator.validate>[0]);
  return result.valid ? [] : ([] as unknown[]).concat(result.errors ?? 'invalid');
}

/** The AsyncAPI parser's errors and warnings (severity 0 and 1); hints and information are left out. */
export async function asyncApiProblems(document: unknown): Promise<string[]> {
  const parser = new Parser();
  const diagnostics = await parser.validate(document as Parameters<typeof parser.validate>[0]);
  return diagnostics
    .filter((diagnostic) => diagnostic.severity <= 1)
    .map((diagnostic) => `${diagnostic.message} at ${diagnostic.path.join('.')}`);
}

function rewriteReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteReferences);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace('#/components/schemas/', '#/$defs/')
        : rewriteReferences(inner),
    ]),
  );
}

/**
 * An ajv (JSON Schema 2020-12, strict) validator for `schema`, whose `#/components/schemas/…` references resolve
 * against the document's components.
 */
export function schemaValidator(components: Record<string, unknown>, schema: unknown): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  // OpenAPI's own annotation keyword; JSON Schema 2020-12 spells it `examples`.
  ajv.addKeyword('example');
  return ajv.compile({ $defs: rewriteReferences(components), ...(rewriteReferences(schema) as object) });
}
