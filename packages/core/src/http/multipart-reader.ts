// Streams a multipart/form-data body through @fastify/busboy: text fields into a record, each file to a receiver.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { BusboyHeaders, BusboyInstance } from '@fastify/busboy';
import { safeParse as parseContentType } from 'fast-content-type-parse';
import { HTTPException } from '../exceptions/http-exception';
import { announcesBody, ClientDisconnected } from './body-reader';
import { markFormBody } from './form-body';

/** The count and size limits of one multipart body; past any of them the body is refused with a 413. */
export interface MultipartLimits {
  readonly fields: number;
  readonly fieldSize: number;
  readonly files: number;
  readonly parts: number;
}

/** One file of the body, as its part headers describe it; `stream` gives its bytes. */
export interface FilePart {
  readonly fieldName: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly encoding: string;
  readonly stream: Readable;
}

/**
 * Takes one file: it must consume `part.stream` and resolve once the file is kept, or reject (an `HTTPException`)
 * to refuse the whole body.
 */
export type FileReceiver = (part: FilePart) => Promise<void>;

/** The text fields of a form: a repeated name becomes an array, in the order sent. */
export type FormFields = Record<string, string | string[]>;

type BusboyModule = typeof import('@fastify/busboy');

// Loaded when the first upload route is compiled: an app without uploads never loads the parser (it costs cold start).
let busboy: BusboyModule | undefined;

/** Loads @fastify/busboy, once; the upload compiler calls it at start-up, before any request needs it. */
export function loadMultipartParser(): BusboyModule {
  busboy ??= require('@fastify/busboy') as BusboyModule;
  return busboy;
}

// Names that would reach an object's prototype machinery if the record were ever merged into another object.
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function badName(name: unknown): HTTPException | undefined {
  if (typeof name !== 'string' || name === '') {
    return new HTTPException(400, 'Invalid multipart body: a part has no name in its Content-Disposition header');
  }
  if (FORBIDDEN_NAMES.has(name)) {
    return new HTTPException(400, `Invalid multipart body: the field name '${name}' is not allowed`);
  }
  return undefined;
}

function malformed(error: unknown): HTTPException {
  const reason = error instanceof Error ? error.message : String(error);
  return new HTTPException(400, `Invalid multipart body: ${reason}`);
}

function overLimit(detail: string): HTTPException {
  return new HTTPException(413, detail);
}

/** The parts busboy saw, read from its parser: it skips a part without a usable Content-Disposition silently. */
function partsSeen(parser: BusboyInstance): number | undefined {
  const count = (parser as unknown as { _parser?: { _nparts?: unknown } })._parser?._nparts;
  return typeof count === 'number' ? count : undefined;
}

/**
 * Reads a `multipart/form-data` body: resolves its text fields once every file was received. Rejects with a 415
 * for another content type, a 413 naming the limit that was passed, a 400 quoting the parser for a malformed body,
 * or `ClientDisconnected`. On any refusal it stops reading at once, so the rest of the body never reaches memory.
 */
export function readMultipart(
  raw: IncomingMessage,
  limits: MultipartLimits,
  receive: FileReceiver,
): Promise<FormFields> {
  const fields: FormFields = markFormBody({});
  if (!announcesBody(raw)) return Promise.resolve(fields);
  const contentType = raw.headers['content-type'];
  if (contentType === undefined || parseContentType(contentType).type !== 'multipart/form-data') {
    const found =
      contentType === undefined ? 'no content-type' : `content-type '${parseContentType(contentType).type}'`;
    return Promise.reject(new HTTPException(415, `This route takes multipart/form-data, got ${found}`));
  }
  let parser: BusboyInstance;
  try {
    parser = loadMultipartParser().Busboy({ headers: raw.headers as BusboyHeaders, limits });
  } catch (error) {
    return Promise.reject(malformed(error));
  }

  return new Promise((resolve, reject) => {
    const received: Promise<void>[] = [];
    let named = 0;
    let isSettled = false;

    const detach = () => {
      raw.off('error', onGone);
      raw.off('close', onClose);
    };
    const fail = (error: unknown) => {
      if (isSettled) return;
      isSettled = true;
      detach();
      // Stop reading: the answer goes out with `connection: close`, so the unread rest is never parsed.
      raw.unpipe(parser);
      raw.pause();
      reject(error);
    };
    const onGone = () => fail(new ClientDisconnected());
    const onClose = () => {
      if (!raw.complete) onGone();
    };

    parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      named++;
      if (isSettled) return;
      const refusal = badName(name);
      if (refusal) return fail(refusal);
      if (valueTruncated) {
        return fail(overLimit(`The field '${name}' is larger than the fieldSize limit of ${limits.fieldSize} bytes`));
      }
      const previous = fields[name];
      if (previous === undefined) fields[name] = value;
      else if (Array.isArray(previous)) previous.push(value);
      else fields[name] = [previous, value];
    });
    parser.on(
      'file',
      (name: string, stream: Readable, fileName: string | undefined, encoding: string, mimeType: string) => {
        named++;
        // A file stream may still report the body's truncation after a refusal; it must never go unhandled.
        stream.on('error', () => {});
        const refusal = isSettled ? undefined : badName(name);
        if (isSettled || refusal) {
          stream.resume();
          if (refusal) fail(refusal);
          return;
        }
        received.push(
          receive({ fieldName: name, fileName: fileName ?? '', mimeType, encoding, stream }).catch((error: unknown) => {
            stream.resume();
            fail(error);
          }),
        );
      },
    );
    parser.on('filesLimit', () => fail(overLimit(`The body has more than the files limit of ${limits.files} files`)));
    parser.on('fieldsLimit', () =>
      fail(overLimit(`The body has more than the fields limit of ${limits.fields} fields`)),
    );
    parser.on('partsLimit', () => fail(overLimit(`The body has more than the parts limit of ${limits.parts} parts`)));
    parser.on('error', (error: unknown) => fail(malformed(error)));
    parser.on('finish', () => {
      void Promise.all(received).then(() => {
        const seen = partsSeen(parser);
        if (seen !== undefined && seen > named) {
          fail(malformed(new Error('a part has no Content-Disposition: form-data header with a name')));
          return;
        }
        if (isSettled) return;
        isSettled = true;
        detach();
        resolve(fields);
      });
    });
    raw.on('error', onGone);
    raw.on('close', onClose);
    raw.pipe(parser);
  });
}
