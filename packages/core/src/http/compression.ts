// Compression of answers: br, gzip or deflate from node:zlib, negotiated from Accept-Encoding with q-values.
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline, type Transform } from 'node:stream';
import type { InputType } from 'node:zlib';
import { invalidOption, refuseUnknownOptions } from '../errors/option-checks';
import { addHeader } from './recorded-headers';
import type { ResponseBody } from './response';
import { type HeaderRecord, isReadable } from './response-writer';

/** The encodings Corbel can produce. */
export type Encoding = 'br' | 'gzip' | 'deflate';

/** `createApp({ compression })`. */
export interface CompressionOptions {
  /** Bodies smaller than this many bytes are sent as they are (default 1024). */
  readonly threshold?: number;
  /** The encodings offered, preferred first when the client rates several equally (default `['br', 'gzip', 'deflate']`). */
  readonly encodings?: readonly Encoding[];
  /** gzip and deflate level, 0 (none) to 9 (smallest); default 6, zlib's. */
  readonly level?: number;
  /** Brotli quality, 0 to 11; default 4, as @fastify/compress (11 costs about 10× the CPU for a few % of size). */
  readonly brotliQuality?: number;
  /** Content types to compress besides the built-in text, JSON, XML, JavaScript and SVG ones. */
  readonly customTypes?: RegExp;
}

/**
 * Sends an answer's body compressed when it should be (adding `Content-Encoding` and `Vary: Accept-Encoding`) or
 * as it is; calls `send` exactly once, maybe after zlib has run on its thread pool.
 */
export type CompressAnswer = (
  response: ServerResponse,
  status: number,
  headers: HeaderRecord,
  body: Exclude<ResponseBody, null>,
  send: (body: ResponseBody) => void,
) => void;

const WHERE = 'createApp({ compression })';
const ENCODINGS: readonly Encoding[] = ['br', 'gzip', 'deflate'];
// text/* (not event streams, which must reach the client as each event is written), JSON, XML, JS, SVG, forms.
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:json|javascript|ecmascript|xml|x-www-form-urlencoded|graphql|wasm)|[\w.-]+\/[\w.-]+\+(?:json|xml|text))\s*(?:;|$)/i;

function checkedInteger(name: string, value: unknown, fallback: number, minimum: number, maximum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalidOption(`${WHERE}.${name}`, `an integer from ${minimum} to ${maximum}`, value);
  }
  return value;
}

function headerValue(headers: HeaderRecord, lower: string): string | undefined {
  for (const key in headers) {
    if (key.length === lower.length && key.toLowerCase() === lower) {
      const value = headers[key];
      return Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return undefined;
}

function deleteHeader(headers: HeaderRecord, lower: string): void {
  for (const key in headers) if (key.toLowerCase() === lower) delete headers[key];
}

/**
 * Checks `compression` at start-up and returns the compressor the writer uses, or null when off.
 * @example const compress = createCompressor({ threshold: 2048, encodings: ['gzip'] });
 */
export function createCompressor(option: boolean | CompressionOptions | undefined): CompressAnswer | null {
  if (option === undefined || option === false) return null;
  if (option !== true && (typeof option !== 'object' || option === null)) {
    throw invalidOption(WHERE, 'true, false or compression options', option);
  }
  const options: CompressionOptions = option === true ? {} : option;
  refuseUnknownOptions(WHERE, options, ['threshold', 'encodings', 'level', 'brotliQuality', 'customTypes']);
  // Loaded only when compression is on: an app without it does not load zlib or the negotiator.
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const negotiate = require('@fastify/accept-negotiator') as typeof import('@fastify/accept-negotiator');
  const { constants } = zlib;
  const threshold = checkedInteger('threshold', options.threshold, 1024, 0, Number.MAX_SAFE_INTEGER);
  const level = checkedInteger('level', options.level, constants.Z_DEFAULT_COMPRESSION, -1, 9);
  const quality = checkedInteger('brotliQuality', options.brotliQuality, 4, 0, 11);
  const encodings = options.encodings ?? ENCODINGS;
  if (!Array.isArray(encodings) || encodings.length === 0 || !encodings.every((each) => ENCODINGS.includes(each))) {
    throw invalidOption(`${WHERE}.encodings`, "a non-empty array of 'br', 'gzip' and 'deflate'", encodings);
  }
  const customTypes = options.customTypes;
  if (customTypes !== undefined && !(customTypes instanceof RegExp)) {
    throw invalidOption(`${WHERE}.customTypes`, 'a RegExp', customTypes);
  }
  const offered = [...new Set(encodings)];
  const zlibOptions = { level };
  const brotliOptions = {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  };
  const isCompressible = (type: string) => COMPRESSIBLE.test(type) || (customTypes?.test(type) ?? false);

  // Streams are flushed on every write, so a client reads each chunk as it is produced, not when the stream ends.
  function encoderFor(encoding: Encoding): Transform {
    if (encoding === 'br') {
      return zlib.createBrotliCompress({ ...brotliOptions, flush: constants.BROTLI_OPERATION_FLUSH });
    }
    const streamOptions = { ...zlibOptions, flush: constants.Z_SYNC_FLUSH };
    return encoding === 'gzip' ? zlib.createGzip(streamOptions) : zlib.createDeflate(streamOptions);
  }

  function compressBytes(encoding: Encoding, input: InputType, done: (error: Error | null, output: Buffer) => void) {
    if (encoding === 'br') zlib.brotliCompress(input, brotliOptions, done);
    else if (encoding === 'gzip') zlib.gzip(input, zlibOptions, done);
    else zlib.deflate(input, zlibOptions, done);
  }

  return (response, status, headers, body, send) => {
    const type = headerValue(headers, 'content-type');
    if (
      response.req.method === 'HEAD' ||
      status === 204 ||
      status === 206 ||
      status === 304 ||
      type === undefined ||
      !isCompressible(type) ||
      headerValue(headers, 'content-encoding') !== undefined
    ) {
      send(body);
      return;
    }
    const stream = isReadable(body);
    const size = stream ? Number(headerValue(headers, 'content-length') ?? Number.POSITIVE_INFINITY) : sizeOf(body);
    if (size < threshold) {
      send(body);
      return;
    }
    // The answer depends on Accept-Encoding from here on, whatever this client accepts.
    addHeader(headers, 'vary', 'Accept-Encoding');
    const accepted = response.req.headers['accept-encoding'];
    const encoding = typeof accepted === 'string' ? (negotiate(accepted, offered) as Encoding | null) : null;
    if (encoding === null) {
      send(body);
      return;
    }
    if (stream) {
      const encoder = encoderFor(encoding);
      deleteHeader(headers, 'content-length');
      addHeader(headers, 'content-encoding', encoding);
      // pipeline destroys both on an error; the writer's own pipeline (encoder → response) then cuts the connection.
      pipeline(body as Readable, encoder, () => {});
      send(encoder);
      return;
    }
    compressBytes(encoding, body as InputType, (error, output) => {
      // zlib does not fail on bytes it was given; should it, the identity body is still a correct answer.
      if (error === null) addHeader(headers, 'content-encoding', encoding);
      send(error === null ? output : body);
    });
  };
}

function sizeOf(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}
