// Response values a handler or filter returns to say exactly what is sent: json(), text(), html(), redirect().
import type { Readable } from 'node:stream';
import { type HeaderList, type HeadersInit, toHeaderList } from '../exceptions/header-list';
import { HTML_CONTENT_TYPE, JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE } from './content-types';

/** A body the writer can send as it is. */
export type ResponseBody = string | Uint8Array | Readable | null;

/** A fully described response; handlers and filters return one to bypass the default conversion. */
export class ResponseValue {
  constructor(
    readonly status: number,
    readonly headers: HeaderList,
    readonly body: ResponseBody,
  ) {}
}

function withContentType(headers: HeadersInit | undefined, contentType: HeaderList[number]): HeaderList {
  const list = toHeaderList(headers) ?? [];
  const hasContentType = list.some(([name]) => name.toLowerCase() === 'content-type');
  return hasContentType ? list : [contentType, ...list];
}

/**
 * A JSON response. Serialised when created, so a circular value fails inside the handler or filter.
 * @example return json({ error: 'out of stock' }, 409, { 'Retry-After': '5' });
 */
export function json(body: unknown, status = 200, headers?: HeadersInit): ResponseValue {
  const serialised = JSON.stringify(body) ?? 'null';
  return new ResponseValue(status, withContentType(headers, JSON_CONTENT_TYPE), serialised);
}

/**
 * A plain-text response.
 * @example return text('pong');
 */
export function text(body: string, status = 200, headers?: HeadersInit): ResponseValue {
  return new ResponseValue(status, withContentType(headers, TEXT_CONTENT_TYPE), body);
}

/**
 * An HTML response.
 * @example return html('<h1>Hello</h1>');
 */
export function html(body: string, status = 200, headers?: HeadersInit): ResponseValue {
  return new ResponseValue(status, withContentType(headers, HTML_CONTENT_TYPE), body);
}

/**
 * A redirect with a `Location` header and an empty body.
 * @example return redirect('/login');
 */
export function redirect(url: string, status = 302): ResponseValue {
  return new ResponseValue(status, [['Location', url]], null);
}
