// The options of openApi() and of the build functions, checked once: an option nobody reads is refused.
import { CorbelError } from '@corbel/core';
import type { InfoObject, SecurityRequirementObject, SecuritySchemeObject, ServerObject } from './openapi-document';

/** What both documents are built from. */
export interface DocumentOptions {
  /** The API's `title` and `version` (and an optional `description`), shown by the docs page. */
  readonly info: InfoObject;
  /** Where the API is served (`[{ url: 'https://api.example.com' }]`); the docs page then calls those. */
  readonly servers?: readonly ServerObject[];
  /** The schemes `security` names, by name: `{ bearer: { type: 'http', scheme: 'bearer' } }`. */
  readonly securitySchemes?: Readonly<Record<string, SecuritySchemeObject>>;
  /** The requirements that apply to every operation: `[{ bearer: [] }]`. */
  readonly security?: readonly SecurityRequirementObject[];
}

/** `openApi(options)`: the document options, plus where the plugin serves the documents and the page. */
export interface OpenApiOptions extends DocumentOptions {
  /** The OpenAPI document's path (default `/openapi.json`). */
  readonly path?: string;
  /** The docs page's path (default `/docs`), or `false` for no page. */
  readonly docsPath?: string | false;
  /** The AsyncAPI document's path (default `/asyncapi.json`), or `false` for none. */
  readonly asyncApiPath?: string | false;
}

/** The options with their defaults applied. */
export interface ResolvedOpenApiOptions extends DocumentOptions {
  readonly path: string;
  readonly docsPath: string | false;
  readonly asyncApiPath: string | false;
}

const OPTION_KEYS = ['info', 'servers', 'securitySchemes', 'security', 'path', 'docsPath', 'asyncApiPath'];
const INFO_KEYS = ['title', 'version', 'description'];
const SCHEME_TYPES = ['http', 'apiKey', 'oauth2', 'openIdConnect', 'mutualTLS'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, known: readonly string[], fail: (message: string) => Error): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw fail(`unknown option '${key}': expected one of ${known.join(', ')}`);
  }
}

function checkPath(name: string, value: unknown, allowFalse: boolean, fail: (message: string) => Error): void {
  if (allowFalse && value === false) return;
  if (typeof value !== 'string' || !value.startsWith('/')) {
    throw fail(
      `${name}: expected a path starting with '/'${allowFalse ? ' or false' : ''}, got ${JSON.stringify(value)}`,
    );
  }
}

function checkSecurity(options: Record<string, unknown>, fail: (message: string) => Error): void {
  const schemes = options.securitySchemes;
  if (schemes !== undefined) {
    if (!isRecord(schemes)) throw fail('securitySchemes: expected an object of schemes by name');
    for (const [name, scheme] of Object.entries(schemes)) {
      if (!isRecord(scheme) || !SCHEME_TYPES.includes(scheme.type as string)) {
        throw fail(`securitySchemes.${name}: expected an object whose type is one of ${SCHEME_TYPES.join(', ')}`);
      }
    }
  }
  const security = options.security;
  if (security === undefined) return;
  if (!Array.isArray(security)) throw fail('security: expected an array of requirements such as [{ bearer: [] }]');
  for (const requirement of security) {
    if (!isRecord(requirement))
      throw fail('security: expected each requirement to be an object such as { bearer: [] }');
    for (const [name, scopes] of Object.entries(requirement)) {
      if (!isRecord(schemes) || !(name in schemes)) {
        throw fail(
          `security: '${name}' is not one of securitySchemes (${Object.keys(schemes ?? {}).join(', ') || 'none'})`,
        );
      }
      if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
        throw fail(`security: expected '${name}' to list its scopes as an array of strings`);
      }
    }
  }
}

/**
 * Checks the options (unknown keys, a missing title or version, a security requirement naming no scheme…) and
 * applies the defaults; a problem is a `CORBEL_ERR_INVALID_DOC` naming `where`.
 * @example resolveOptions({ info: { title: 'Shop', version: '1.0.0' } }, 'openApi()').path // '/openapi.json'
 */
export function resolveOptions(options: unknown, where: string): ResolvedOpenApiOptions {
  const fail = (message: string) => new CorbelError('CORBEL_ERR_INVALID_DOC', `${where}: ${message}`);
  if (!isRecord(options)) throw fail('expected an options object with info: { title, version }');
  checkKeys(options, OPTION_KEYS, fail);
  const info = options.info;
  if (!isRecord(info)) throw fail('info: expected { title, version, description? }');
  checkKeys(info, INFO_KEYS, (message) => fail(`info: ${message}`));
  for (const key of ['title', 'version'] as const) {
    if (typeof info[key] !== 'string' || info[key] === '') throw fail(`info.${key}: expected a non-empty string`);
  }
  if (info.description !== undefined && typeof info.description !== 'string') {
    throw fail('info.description: expected a string');
  }
  const servers = options.servers;
  if (servers !== undefined) {
    const valid =
      Array.isArray(servers) &&
      servers.every((server) => isRecord(server) && typeof server.url === 'string' && server.url !== '');
    if (!valid)
      throw fail("servers: expected an array of { url, description? } such as [{ url: 'https://api.example.com' }]");
  }
  checkSecurity(options, fail);
  const path = options.path ?? '/openapi.json';
  const docsPath = options.docsPath ?? '/docs';
  const asyncApiPath = options.asyncApiPath ?? '/asyncapi.json';
  checkPath('path', path, false, fail);
  checkPath('docsPath', docsPath, true, fail);
  checkPath('asyncApiPath', asyncApiPath, true, fail);
  const served = [path, docsPath, asyncApiPath].filter((value) => value !== false);
  if (new Set(served).size !== served.length)
    throw fail(`path, docsPath and asyncApiPath must differ, got ${served.join(', ')}`);
  return { ...(options as unknown as DocumentOptions), path, docsPath, asyncApiPath } as ResolvedOpenApiOptions;
}
