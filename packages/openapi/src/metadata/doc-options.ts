// Checks a @Doc against the place it documents, when the documents are built: a key with no place there is refused.
import { CorbelError } from '@corbel/core';
import type { DocDefinition, DocOptions } from './doc-metadata';

/** What a @Doc is read as. */
export type DocSubject = 'controller' | 'route' | 'dto' | 'property' | 'gateway' | 'handler';

const PLACES: Record<DocSubject, { readonly name: string; readonly keys: readonly (keyof DocOptions)[] }> = {
  controller: { name: 'a controller class', keys: ['tags', 'description', 'deprecated'] },
  route: { name: 'a route method', keys: ['summary', 'description', 'tags', 'deprecated', 'operationId', 'example'] },
  dto: { name: 'a DTO class', keys: ['summary', 'description', 'example', 'deprecated'] },
  property: { name: 'a DTO property', keys: ['summary', 'description', 'example', 'deprecated'] },
  gateway: { name: 'a gateway class', keys: ['summary', 'description', 'tags', 'query', 'headers'] },
  handler: { name: 'a gateway handler', keys: ['summary', 'description', 'tags', 'operationId', 'example'] },
};

const KNOWN_KEYS: readonly (keyof DocOptions)[] = [
  'summary',
  'description',
  'tags',
  'deprecated',
  'operationId',
  'example',
  'query',
  'headers',
];

function placesOf(key: keyof DocOptions): string {
  return (Object.values(PLACES) as { name: string; keys: readonly string[] }[])
    .filter((place) => place.keys.includes(key))
    .map((place) => place.name)
    .join(', ');
}

function checkValue(key: keyof DocOptions, value: unknown): string | undefined {
  switch (key) {
    case 'summary':
    case 'description':
      return typeof value === 'string' ? undefined : `expected a string, got ${typeof value}`;
    case 'operationId':
      return typeof value === 'string' && value !== '' ? undefined : 'expected a non-empty string';
    case 'deprecated':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${typeof value}`;
    case 'tags':
      return Array.isArray(value) && value.every((tag) => typeof tag === 'string' && tag !== '')
        ? undefined
        : 'expected an array of non-empty strings';
    case 'query':
    case 'headers':
      return typeof value === 'function' ? undefined : 'expected a class-validator DTO class';
    case 'example':
      return undefined;
  }
}

/**
 * The @Doc of one place, checked: one @Doc per place, known keys only, each where it has a place, each of the
 * right type; anything else is a `CORBEL_ERR_INVALID_DOC` naming `where`.
 * @example documentationOf('route', readDoc(UsersController.prototype, 'findOne'), 'UsersController.findOne')
 */
export function documentationOf(subject: DocSubject, definitions: readonly DocDefinition[], where: string): DocOptions {
  if (definitions.length === 0) return {};
  const fail = (message: string) => new CorbelError('CORBEL_ERR_INVALID_DOC', `@Doc on ${where}: ${message}`);
  if (definitions.length > 1) throw fail(`declared ${definitions.length} times; merge them into one @Doc`);
  const [{ options }] = definitions;
  if (typeof options !== 'object' || options === null) throw fail(`expected an options object, got ${typeof options}`);
  const place = PLACES[subject];
  for (const [key, value] of Object.entries(options) as [keyof DocOptions, unknown][]) {
    if (!KNOWN_KEYS.includes(key)) throw fail(`unknown key '${key}': expected one of ${place.keys.join(', ')}`);
    if (!place.keys.includes(key)) {
      throw fail(
        `'${key}' has no place on ${place.name} (it applies to ${placesOf(key)}); expected ${place.keys.join(', ')}`,
      );
    }
    if (value === undefined) continue;
    const problem = checkValue(key, value);
    if (problem) throw fail(`'${key}': ${problem}`);
  }
  return options;
}
