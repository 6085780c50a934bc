// The app's `versioning` and `prefix` options, checked at start-up, and the paths and versions a route gets.
import { validateHeaderName } from 'node:http';
import { CorbelError } from '../errors/corbel-error';
import { invalidOption, refuseUnknownOptions } from '../errors/option-checks';
import type { HeaderVersioning } from './router';

/** `createApp({ versioning })`: where a request says which version of a route it wants. */
export interface VersioningOptions {
  /** `'uri'`: `/v1/users`; `'header'`: the route is picked by a request header. */
  readonly type: 'uri' | 'header';
  /** The header of `type: 'header'` (default `X-API-Version`). */
  readonly header?: string;
  /** The version of routes without @Version, and (with headers) of requests without the header. */
  readonly defaultVersion?: string;
}

/** What compile-routes needs to place a route: the app prefix, and the versioning mode. */
export interface RoutePlacement {
  readonly prefix: string;
  readonly versioning: { readonly type: 'uri' | 'header'; readonly defaultVersion: string | undefined } | null;
}

const WHERE = 'createApp({ versioning })';
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkedVersion(where: string, version: unknown): string {
  if (typeof version !== 'string' || !VERSION.test(version)) {
    throw invalidOption(where, "a version such as '1' or '2.1' (letters, digits, '.', '_' or '-')", version);
  }
  return version;
}

/** Checks `prefix` and `versioning`; the header mode is also returned for the router. */
export function routePlacementFor(
  prefix: unknown,
  versioning: VersioningOptions | undefined,
): { placement: RoutePlacement; headerVersioning: HeaderVersioning | undefined } {
  if (prefix !== undefined && (typeof prefix !== 'string' || !prefix.startsWith('/') || /[?#\s]/.test(prefix))) {
    throw invalidOption('createApp({ prefix })', "a path such as '/api'", prefix);
  }
  if (versioning === undefined)
    return { placement: { prefix: prefix ?? '', versioning: null }, headerVersioning: undefined };
  refuseUnknownOptions(WHERE, versioning, ['type', 'header', 'defaultVersion']);
  if (versioning.type !== 'uri' && versioning.type !== 'header') {
    throw invalidOption(`${WHERE}.type`, "'uri' or 'header'", versioning.type);
  }
  const defaultVersion =
    versioning.defaultVersion === undefined
      ? undefined
      : checkedVersion(`${WHERE}.defaultVersion`, versioning.defaultVersion);
  let headerVersioning: HeaderVersioning | undefined;
  if (versioning.type === 'header') {
    const header = versioning.header ?? 'X-API-Version';
    try {
      validateHeaderName(header);
    } catch {
      throw invalidOption(`${WHERE}.header`, 'a header name', header);
    }
    headerVersioning = { header: header.toLowerCase(), defaultVersion };
  } else if (versioning.header !== undefined) {
    throw invalidOption(`${WHERE}.header`, "nothing with type 'uri' (the version is in the path)", versioning.header);
  }
  return {
    placement: { prefix: prefix ?? '', versioning: { type: versioning.type, defaultVersion } },
    headerVersioning,
  };
}

/**
 * The versions a route serves: the method's @Version, else the class's, else the default; `[undefined]` for an
 * unversioned route. @Version without `versioning` is refused: it would be silently ignored.
 */
export function routeVersions(
  placement: RoutePlacement,
  declared: readonly string[] | undefined,
  owner: string,
): readonly (string | undefined)[] {
  if (placement.versioning === null) {
    if (declared !== undefined) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_OPTION',
        `@Version on ${owner}: the app has no versioning; pass createApp({ versioning: { type: 'uri' } }) or 'header'`,
      );
    }
    return [undefined];
  }
  if (declared !== undefined) {
    if (declared.length === 0) throw invalidOption(`@Version on ${owner}`, 'at least one version', declared);
    return [...new Set(declared.map((version) => checkedVersion(`@Version on ${owner}`, version)))];
  }
  return [placement.versioning.defaultVersion];
}
