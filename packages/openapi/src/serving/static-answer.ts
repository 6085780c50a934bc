// One fixed body served with a strong ETag: 304 when the client already has it, so a reload costs no body.
import { createHash } from 'node:crypto';
import { type CorbelRequest, ResponseValue } from '@corbel/core';

type HeaderPairs = [string, string][];

function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly, and `*` matches any current representation. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * A document, page or asset built once: `answer(request)` is 200 with the body, or 304 when `If-None-Match`
 * already names it. `Cache-Control: no-cache` makes browsers revalidate, so a rebuilt document is seen at once.
 * @example const page = new StaticAnswer('<h1>Docs</h1>', 'text/html; charset=utf-8'); page.answer(request);
 */
export class StaticAnswer {
  readonly etag: string;
  readonly #body: string | Buffer;
  readonly #contentType: string;
  readonly #headers: HeaderPairs;

  constructor(body: string | Buffer, contentType: string) {
    this.#body = body;
    this.#contentType = contentType;
    this.etag = etagOf(body);
    this.#headers = [
      ['ETag', this.etag],
      ['Cache-Control', 'no-cache'],
      ['X-Content-Type-Options', 'nosniff'],
    ];
  }

  answer(request: CorbelRequest): ResponseValue {
    if (matches(request.headers['if-none-match'], this.etag)) return new ResponseValue(304, [...this.#headers], null);
    return new ResponseValue(200, [['Content-Type', this.#contentType], ...this.#headers], this.#body);
  }
}
