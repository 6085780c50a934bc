// Security headers through helmet: its header set for given options, computed once at start-up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HelmetOptions as HelmetPackageOptions } from 'helmet';
import { CorbelError } from '../errors/corbel-error';
import { invalidOption, refuseUnknownOptions } from '../errors/option-checks';
import type { RecordedHeader } from './recorded-headers';

/**
 * helmet's options, passed through as `createApp({ securityHeaders: { … } })`: its defaults when `true`.
 * @example createApp({ controllers, securityHeaders: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } })
 */
export type HelmetOptions = HelmetPackageOptions;

const WHERE = 'createApp({ securityHeaders })';

// Every option helmet reads, checked against its own type: a key helmet adds or drops fails the build here.
const HELMET_KEYS = {
  contentSecurityPolicy: true,
  crossOriginEmbedderPolicy: true,
  crossOriginOpenerPolicy: true,
  crossOriginResourcePolicy: true,
  originAgentCluster: true,
  referrerPolicy: true,
  strictTransportSecurity: true,
  xContentTypeOptions: true,
  xDnsPrefetchControl: true,
  xDownloadOptions: true,
  xFrameOptions: true,
  xPermittedCrossDomainPolicies: true,
  xPoweredBy: true,
  xXssProtection: true,
  hsts: true,
  noSniff: true,
  dnsPrefetchControl: true,
  ieNoOpen: true,
  frameguard: true,
  permittedCrossDomainPolicies: true,
  hidePoweredBy: true,
  xssFilter: true,
} satisfies Record<keyof HelmetOptions, true>;

/** A CSP directive given as a function (a per-request nonce) would be frozen by a start-up computation. */
function hasDirectiveFunction(options: HelmetOptions): boolean {
  const csp = options.contentSecurityPolicy;
  if (typeof csp !== 'object' || csp === null) return false;
  const directives = (csp as { directives?: Record<string, unknown> }).directives ?? {};
  return Object.values(directives).some(
    (value) =>
      typeof value === 'function' || (Array.isArray(value) && value.some((each) => typeof each === 'function')),
  );
}

/** Collects what a helmet middleware sets, without a socket: helmet only calls setHeader and removeHeader. */
function recordHelmet(middleware: ReturnType<typeof import('helmet').default>): RecordedHeader[] {
  const headers: RecordedHeader[] = [];
  const response = {
    setHeader(name: string, value: unknown) {
      headers.push([name.toLowerCase(), String(value)]);
      return response;
    },
    removeHeader() {},
  };
  let failure: unknown;
  middleware({ headers: {} } as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw failure;
  return headers;
}

/**
 * Checks `securityHeaders` at start-up and returns helmet's headers for every answer, or null when off. helmet
 * refuses a bad option itself (an invalid directive, a negative max-age): that becomes `CORBEL_ERR_INVALID_OPTION`.
 * @example securityHeadersFor({ contentSecurityPolicy: false }) // [['cross-origin-opener-policy', 'same-origin'], …]
 */
export function securityHeadersFor(option: boolean | HelmetOptions | undefined): readonly RecordedHeader[] | null {
  if (option === undefined || option === false) return null;
  if (option !== true && (typeof option !== 'object' || option === null)) {
    throw invalidOption(WHERE, 'true, false or helmet options', option);
  }
  const options: HelmetOptions = option === true ? {} : option;
  refuseUnknownOptions(WHERE, options, Object.keys(HELMET_KEYS));
  if (hasDirectiveFunction(options)) {
    throw new CorbelError(
      'CORBEL_ERR_INVALID_OPTION',
      `${WHERE}: a contentSecurityPolicy directive is a function; Corbel computes helmet's headers once, so set a ` +
        "per-request policy with request.setResponseHeader('Content-Security-Policy', …) instead",
    );
  }
  // Loaded only now: an app without security headers pays neither helmet's load time nor its memory.
  const { default: helmet } = require('helmet') as typeof import('helmet');
  try {
    return Object.freeze(recordHelmet(helmet(options)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorbelError('CORBEL_ERR_INVALID_OPTION', `${WHERE}: helmet refused the options: ${reason}`);
  }
}
