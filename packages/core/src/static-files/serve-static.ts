// serveStatic(): a plugin serving files from a folder (@fastify/send) for requests no route matched.
import { realpathSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { SendOptions } from '@fastify/send';
import { CorbelError } from '../errors/corbel-error';
import { invalidOption, refuseUnknownOptions } from '../errors/option-checks';
import type { HeaderList } from '../exceptions/header-list';
import { HTTPException, HTTPNotFound } from '../exceptions/http-exception';
import type { CorbelRequest } from '../http/request';
import { ResponseValue, redirect } from '../http/response';
import type { CorbelPlugin, UnmatchedHandler } from '../plugins/plugin';

/** `serveStatic(options)`. */
export interface ServeStaticOptions {
  /** The folder served; nothing outside it is ever sent (symlinks out of it included). */
  readonly root: string;
  /** The URL path the folder is served under (default `/`). */
  readonly prefix?: string;
  /** The file answered for a folder's URL ending in `/` (default `index.html`); `false` for none. */
  readonly index?: string | readonly string[] | false;
  /** `Cache-Control: max-age`, in milliseconds or as a string such as `'1d'` (default 0). */
  readonly maxAge?: number | string;
  /** Adds `immutable` to `Cache-Control` (use with `maxAge`, for fingerprinted file names). */
  readonly immutable?: boolean;
  /** Send an `ETag` and answer `If-None-Match` with 304 (default true). */
  readonly etag?: boolean;
  /** Send `Last-Modified` and answer `If-Modified-Since` with 304 (default true). */
  readonly lastModified?: boolean;
  /** Files or folders whose name starts with a dot: `'ignore'` (404, the default), `'deny'` (403) or `'allow'`. */
  readonly dotfiles?: 'allow' | 'deny' | 'ignore';
  /** `true` (default): a missing file passes the request on (to another fallback, then the 404). `false`: the file
   * is the answer, so a missing one is a 404 (and a method other than GET/HEAD a 405) from the filters. */
  readonly fallthrough?: boolean;
}

const OPTION_KEYS = [
  'root',
  'prefix',
  'index',
  'maxAge',
  'immutable',
  'etag',
  'lastModified',
  'dotfiles',
  'fallthrough',
] as const;

/** Thrown from send's onFile when a file resolves (through a symlink) outside the root. */
class OutsideRoot extends Error {}

function checkedBoolean(where: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidOption(`${where}.${name}`, 'a boolean', value);
  return value;
}

function checkedRoot(where: string, root: unknown): string {
  if (typeof root !== 'string' || root === '') throw invalidOption(`${where}.root`, 'the path of a folder', root);
  try {
    const real = realpathSync(resolve(root));
    if (statSync(real).isDirectory()) return real;
  } catch {
    // Reported below with the path as given.
  }
  throw new CorbelError('CORBEL_ERR_INVALID_OPTION', `${where}.root: '${root}' is not a folder that exists`);
}

function checkedPrefix(where: string, prefix: unknown): string {
  if (prefix === undefined) return '';
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || /[?#%\s]/.test(prefix)) {
    throw invalidOption(`${where}.prefix`, "a path such as '/assets'", prefix);
  }
  return prefix.replace(/\/+$/, '');
}

function sendOptionsOf(where: string, options: ServeStaticOptions, root: string): SendOptions {
  const { index = 'index.html', maxAge = 0, dotfiles = 'ignore' } = options;
  const isIndexList = Array.isArray(index) && index.every((each) => typeof each === 'string' && each !== '');
  if (index !== false && !(typeof index === 'string' && index !== '') && !isIndexList) {
    throw invalidOption(`${where}.index`, 'a file name, an array of them, or false', index);
  }
  if (!(typeof maxAge === 'string' || (typeof maxAge === 'number' && Number.isFinite(maxAge) && maxAge >= 0))) {
    throw invalidOption(`${where}.maxAge`, "milliseconds ≥ 0 or a duration such as '1d'", maxAge);
  }
  if (dotfiles !== 'allow' && dotfiles !== 'deny' && dotfiles !== 'ignore') {
    throw invalidOption(`${where}.dotfiles`, "'allow', 'deny' or 'ignore'", dotfiles);
  }
  return {
    root,
    index: index === false ? false : typeof index === 'string' ? index : [...index],
    maxAge,
    immutable: checkedBoolean(where, 'immutable', options.immutable, false),
    etag: checkedBoolean(where, 'etag', options.etag, true),
    lastModified: checkedBoolean(where, 'lastModified', options.lastModified, true),
    dotfiles,
    // send follows symlinks; a file it opens must still resolve inside the root.
    onFile: async (file) => {
      const real = await realpath(file);
      if (real !== root && !real.startsWith(root + sep)) throw new OutsideRoot(file);
    },
  };
}

function headerListOf(headers: Record<string, string | number>): HeaderList {
  return Object.entries(headers).map(([name, value]) => [name, String(value)]);
}

/** What send answered, as the fallback's answer: a file, a redirect, or a refusal. */
function answerOf(
  request: CorbelRequest,
  result: Awaited<ReturnType<typeof import('@fastify/send')>>,
  fallthrough: boolean,
): ResponseValue | undefined {
  const { statusCode, headers, stream } = result;
  if (result.type === 'file') {
    // A HEAD answer has no body: do not read the file for it.
    if (statusCode === 304 || request.method === 'HEAD') {
      stream.destroy();
      return new ResponseValue(statusCode, headerListOf(headers), statusCode === 304 ? null : Readable.from([]));
    }
    return new ResponseValue(statusCode, headerListOf(headers), stream);
  }
  stream.destroy();
  if (result.type === 'directory') return redirect(`/${request.path.replace(/^\/+/, '')}/`, 301);
  if (statusCode === 412 || statusCode === 416) {
    const range = headers['Content-Range'];
    throw new HTTPException(statusCode, '', range === undefined ? null : [['Content-Range', String(range)]]);
  }
  if (statusCode >= 500) throw result.metadata.error;
  // A traversal, an encoded NUL, a dotfile or a missing file: all look the same from outside when passing on.
  if (fallthrough) return undefined;
  throw statusCode === 404 ? new HTTPNotFound() : new HTTPException(statusCode);
}

/**
 * Serves the files of `root` under `prefix`, for GET and HEAD requests no route matched: content types,
 * `ETag`/`Last-Modified` and 304, `Range` (206/416), `Cache-Control`. A path that leaves `root` (`..`, `%2e%2e`, an
 * encoded NUL, a symlink out of it) is never served.
 * @example createApp({ controllers: [ApiController], plugins: [serveStatic({ root: 'public', maxAge: 60_000 })] })
 */
export function serveStatic(options: ServeStaticOptions): CorbelPlugin {
  const where = 'serveStatic()';
  refuseUnknownOptions(where, options, OPTION_KEYS);
  const root = checkedRoot(where, options.root);
  const prefix = checkedPrefix(where, options.prefix);
  const fallthrough = checkedBoolean(where, 'fallthrough', options.fallthrough, true);
  const sendOptions = sendOptionsOf(where, options, root);
  // Loaded only by apps that serve files: @fastify/send and its MIME tables weigh about a megabyte of heap.
  const send = require('@fastify/send') as typeof import('@fastify/send');

  const serve: UnmatchedHandler = async (request) => {
    const { path, method } = request;
    if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) return undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      if (fallthrough) return undefined;
      throw new HTTPException(405, '', [['Allow', 'GET, HEAD']]);
    }
    // `/assets` names the folder: send it to `/assets/`, so the index page's relative links resolve.
    if (path === prefix) return redirect(`${prefix}/`, 301);
    try {
      return answerOf(request, await send(request.raw, path.slice(prefix.length), sendOptions), fallthrough);
    } catch (error) {
      if (!(error instanceof OutsideRoot)) throw error;
      if (fallthrough) return undefined;
      throw new HTTPNotFound();
    }
  };
  return {
    name: 'serve-static',
    setup(context) {
      context.onUnmatched(serve);
    },
  };
}
