// CORS, named as @fastify/cors names it: options checked at start-up into a policy, applied per request.
import { validateHeaderValue } from 'node:http';
import { isPromise } from '../async/is-promise';
import { CorbelError } from '../errors/corbel-error';
import { invalidOption, refuseUnknownOptions } from '../errors/option-checks';
import type { RecordedHeader } from './recorded-headers';
import type { CorbelRequest } from './request';

/** One allowed origin: an exact string (`'https://app.example.com'`) or a RegExp tested against it. */
export type CorsOriginEntry = string | RegExp;

/** Decides whether `origin` may read the answer; may be async (a lookup in a tenants table). */
export type CorsOriginFunction = (origin: string, request: CorbelRequest) => boolean | Promise<boolean>;

/** `createApp({ cors })` and `@Cors(options)`. */
export interface CorsOptions {
  /**
   * Who may read answers: `true` reflects any origin, `'*'` (the default) allows any without credentials, a string,
   * a RegExp, an array of those, or a function.
   */
  readonly origin?: true | CorsOriginEntry | readonly CorsOriginEntry[] | CorsOriginFunction;
  /** Methods a preflight allows (default `GET, HEAD, PUT, PATCH, POST, DELETE`). */
  readonly methods?: string | readonly string[];
  /** Request headers a preflight allows; by default those the preflight asks for are allowed. */
  readonly allowedHeaders?: string | readonly string[];
  /** Answer headers the page's script may read (`Access-Control-Expose-Headers`). */
  readonly exposedHeaders?: string | readonly string[];
  /** Let the page send cookies and read the answer (`Access-Control-Allow-Credentials: true`); not with `'*'`. */
  readonly credentials?: boolean;
  /** Seconds a browser may cache a preflight's answer (`Access-Control-Max-Age`). */
  readonly maxAge?: number;
  /** An OPTIONS without `Origin` and `Access-Control-Request-Method` to a route's path is a 400 (default true). */
  readonly strictPreflight?: boolean;
}

const OPTION_KEYS = [
  'origin',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'credentials',
  'maxAge',
  'strictPreflight',
] as const;
const DEFAULT_METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE';

function headerList(where: string, name: string, value: unknown): string | null {
  if (value === undefined) return null;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((each) => typeof each === 'string' && each.trim() !== '')) {
    throw invalidOption(`${where}.${name}`, 'a string or an array of non-empty strings', value);
  }
  const joined = list.join(', ');
  try {
    validateHeaderValue(name, joined);
  } catch {
    throw invalidOption(`${where}.${name}`, 'header-safe text (no CR, LF or NUL)', value);
  }
  return joined;
}

function checkedBoolean(where: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidOption(`${where}.${name}`, 'a boolean', value);
  return value;
}

function matchesEntry(entry: CorsOriginEntry, origin: string): boolean {
  if (typeof entry === 'string') return entry === origin;
  // A /g or /y RegExp keeps lastIndex between calls; reset it so every request is tested from the start.
  entry.lastIndex = 0;
  return entry.test(origin);
}

type OriginCheck = (origin: string, request: CorbelRequest) => boolean | Promise<boolean>;

function checkAnswer(answer: unknown): boolean {
  if (typeof answer !== 'boolean') {
    throw new TypeError(`The cors origin function answered ${String(answer)}; expected true or false`);
  }
  return answer;
}

function compileOrigin(where: string, origin: CorsOptions['origin']): { check: OriginCheck; wildcard: boolean } {
  if (origin === undefined || origin === '*') return { check: () => true, wildcard: true };
  if (origin === true) return { check: () => true, wildcard: false };
  if (typeof origin === 'string' || origin instanceof RegExp) {
    return { check: (value) => matchesEntry(origin, value), wildcard: false };
  }
  if (Array.isArray(origin)) {
    const entries = origin as readonly unknown[];
    if (!entries.every((entry) => (typeof entry === 'string' && entry !== '*') || entry instanceof RegExp)) {
      throw invalidOption(`${where}.origin`, "strings (not '*', which stands alone) and RegExps", origin);
    }
    const list = entries as readonly CorsOriginEntry[];
    return { check: (value) => list.some((entry) => matchesEntry(entry, value)), wildcard: false };
  }
  if (typeof origin === 'function') {
    const decide = origin as CorsOriginFunction;
    // A truthy non-boolean (a user object, a pending Observable) must not let an origin through.
    const check: OriginCheck = (value, request) => {
      const answer = decide(value, request);
      return isPromise(answer) ? answer.then(checkAnswer) : checkAnswer(answer);
    };
    return { check, wildcard: false };
  }
  throw invalidOption(`${where}.origin`, "true, '*', a string, a RegExp, an array of those or a function", origin);
}

/**
 * The CORS behaviour of the app or of one route, compiled once. `admit` records an ordinary answer's headers on the
 * request; `preflight` gives a preflight's, or null for an origin that is not allowed.
 */
export class CorsPolicy {
  readonly strictPreflight: boolean;
  readonly #check: OriginCheck;
  readonly #wildcard: boolean;
  readonly #credentials: boolean;
  readonly #methods: string;
  readonly #allowedHeaders: string | null;
  readonly #exposedHeaders: string | null;
  readonly #maxAge: string | null;

  /** Checks `options` (naming `where` in errors) and compiles them; throws `CORBEL_ERR_INVALID_OPTION`. */
  constructor(options: CorsOptions, where: string) {
    refuseUnknownOptions(where, options, OPTION_KEYS);
    const { check, wildcard } = compileOrigin(where, options.origin);
    this.#check = check;
    this.#wildcard = wildcard;
    this.#credentials = checkedBoolean(where, 'credentials', options.credentials, false);
    if (this.#credentials && wildcard) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_OPTION',
        `${where}: credentials: true with origin '*' is forbidden by the CORS spec (browsers refuse it); list the ` +
          'allowed origins, or use origin: true to reflect them',
      );
    }
    this.strictPreflight = checkedBoolean(where, 'strictPreflight', options.strictPreflight, true);
    this.#methods = headerList(where, 'methods', options.methods) ?? DEFAULT_METHODS;
    this.#allowedHeaders = headerList(where, 'allowedHeaders', options.allowedHeaders);
    this.#exposedHeaders = headerList(where, 'exposedHeaders', options.exposedHeaders);
    const { maxAge } = options;
    if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0)) {
      throw invalidOption(`${where}.maxAge`, 'a whole number of seconds ≥ 0', maxAge);
    }
    this.#maxAge = maxAge === undefined ? null : String(maxAge);
  }

  /** Whether `origin` may read answers; a promise only when the origin function is async. */
  allows(origin: string, request: CorbelRequest): boolean | Promise<boolean> {
    return this.#check(origin, request);
  }

  /** Records the headers of an ordinary answer on `request`; a promise only while an async origin function runs. */
  admit(request: CorbelRequest): void | Promise<void> {
    const origin = request.headers.origin;
    if (this.#wildcard) {
      request.setResponseHeader('Access-Control-Allow-Origin', '*');
      if (this.#exposedHeaders !== null)
        request.setResponseHeader('Access-Control-Expose-Headers', this.#exposedHeaders);
      return;
    }
    // The answer differs by origin, so a cache must key on it, also for a request without one.
    request.setResponseHeader('Vary', 'Origin');
    if (origin === undefined) return;
    const allowed = this.#check(origin, request);
    if (isPromise(allowed)) {
      return allowed.then((isAllowed) => {
        if (isAllowed) this.#recordAllowed(request, origin);
      });
    }
    if (allowed) this.#recordAllowed(request, origin);
  }

  #recordAllowed(request: CorbelRequest, origin: string): void {
    request.setResponseHeader('Access-Control-Allow-Origin', origin);
    if (this.#credentials) request.setResponseHeader('Access-Control-Allow-Credentials', 'true');
    if (this.#exposedHeaders !== null) request.setResponseHeader('Access-Control-Expose-Headers', this.#exposedHeaders);
  }

  /** A preflight's headers for `origin`, or null when it is not allowed (the request is then served as usual). */
  preflight(origin: string, request: CorbelRequest): RecordedHeader[] | null | Promise<RecordedHeader[] | null> {
    const allowed = this.#check(origin, request);
    if (isPromise(allowed))
      return allowed.then((isAllowed) => (isAllowed ? this.#preflightHeaders(origin, request) : null));
    return allowed ? this.#preflightHeaders(origin, request) : null;
  }

  #preflightHeaders(origin: string, request: CorbelRequest): RecordedHeader[] {
    const headers: RecordedHeader[] = [['access-control-allow-origin', this.#wildcard ? '*' : origin]];
    if (this.#credentials) headers.push(['access-control-allow-credentials', 'true']);
    headers.push(['access-control-allow-methods', this.#methods]);
    const vary: string[] = this.#wildcard ? [] : ['Origin'];
    const asked = request.headers['access-control-request-headers'];
    if (this.#allowedHeaders !== null) headers.push(['access-control-allow-headers', this.#allowedHeaders]);
    else {
      vary.push('Access-Control-Request-Headers');
      if (typeof asked === 'string' && asked !== '') headers.push(['access-control-allow-headers', asked]);
    }
    if (this.#maxAge !== null) headers.push(['access-control-max-age', this.#maxAge]);
    if (vary.length > 0) headers.push(['vary', vary.join(', ')]);
    return headers;
  }
}

/**
 * The app's CORS option as a policy (null when off). `true` means the defaults.
 * @example const policy = corsPolicyFor({ origin: 'https://app.example.com', credentials: true }, 'createApp({ cors })');
 */
export function corsPolicyFor(option: boolean | CorsOptions | undefined, where: string): CorsPolicy | null {
  if (option === undefined || option === false) return null;
  if (option !== true && (typeof option !== 'object' || option === null)) {
    throw invalidOption(where, 'true, false or CORS options', option);
  }
  return new CorsPolicy(option === true ? {} : option, where);
}

/** The options of a route: the app's, then the controller's @Cors, then the method's, later keys winning. */
export function mergeCorsOptions(...layers: readonly (CorsOptions | boolean | undefined)[]): CorsOptions {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) if (typeof layer === 'object' && layer !== null) Object.assign(merged, layer);
  return merged as CorsOptions;
}
