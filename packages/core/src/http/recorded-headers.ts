// The headers a request records for whatever answers it, and the one merge that puts them under an answer's own.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { HeaderRecord } from './response-writer';

/** A recorded `[name, value]` pair; names are kept lower-case so the merge compares them cheaply. */
export type RecordedHeader = readonly [name: string, value: string];

// These describe the framing of the body the writer sends; a recorded copy would contradict it.
const FRAMING = new Set(['content-length', 'transfer-encoding']);
/** Headers an answer and the recorded ones combine instead of the answer's replacing the recorded. */
const SET_COOKIE = 'set-cookie';
const VARY = 'vary';

function describe(value: unknown): string {
  return JSON.stringify(String(value)).slice(0, 200);
}

/**
 * Checks a header before it is recorded, so the writer can trust every recorded pair. Throws a `TypeError`
 * (a logged 500 when it escapes a handler) for an invalid name or a value with CR, LF or NUL.
 */
export function checkRecordedHeader(name: string, value: string): string {
  if (typeof name !== 'string' || typeof value !== 'string') {
    throw new TypeError(`Invalid response header ${describe(name)}: expected string names and values`);
  }
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  } catch {
    throw new TypeError(`Invalid response header ${describe(name)}: ${describe(value)}`);
  }
  const lower = name.toLowerCase();
  if (FRAMING.has(lower)) {
    throw new TypeError(`The ${name} header describes the body Corbel sends; it cannot be recorded`);
  }
  return lower;
}

/**
 * Records `name: value` in `list`. A name recorded again replaces the earlier values, except `Set-Cookie` (each
 * cookie is kept) and `Vary` (the tokens are added), which accumulate.
 */
export function recordHeader(list: RecordedHeader[], lower: string, value: string): void {
  if (lower === SET_COOKIE) {
    list.push([lower, value]);
    return;
  }
  if (lower === VARY) {
    const index = list.findIndex(([name]) => name === VARY);
    if (index === -1) list.push([lower, value]);
    else list[index] = [VARY, joinVary(list[index][1], value)];
    return;
  }
  for (let index = list.length - 1; index >= 0; index--) if (list[index][0] === lower) list.splice(index, 1);
  list.push([lower, value]);
}

/** `a, b` + `b, c` → `a, b, c`: Vary tokens compare case-insensitively, and `*` stands alone. */
function joinVary(existing: string, added: string): string {
  const tokens = existing.split(',').map((token) => token.trim());
  if (tokens.includes('*')) return '*';
  const known = new Set(tokens.map((token) => token.toLowerCase()));
  for (const raw of added.split(',')) {
    const token = raw.trim();
    if (token === '') continue;
    if (token === '*') return '*';
    if (!known.has(token.toLowerCase())) {
      known.add(token.toLowerCase());
      tokens.push(token);
    }
  }
  return tokens.filter((token) => token !== '').join(', ');
}

function findKey(headers: HeaderRecord, lower: string): string | undefined {
  for (const key in headers) if (key.length === lower.length && key.toLowerCase() === lower) return key;
  return undefined;
}

/**
 * Puts `defaults` (recorded, CORS and security headers) under the answer's own `headers`: a name the answer sets
 * wins, except `Set-Cookie` (the defaults' cookies come first, the answer's last, so the answer's win in a browser)
 * and `Vary` (the tokens are joined). Mutates `headers`, which is always the writer's own fresh record.
 * @example applyHeaders(headers, request.responseHeaders);
 */
export function applyHeaders(headers: HeaderRecord, defaults: readonly RecordedHeader[]): void {
  // The answer's own names, taken before anything is added: what the defaults must not override.
  let answerNames: Map<string, string> | undefined;
  let cookiesFirst: string[] | undefined;
  for (const [name, value] of defaults) {
    answerNames ??= ownNames(headers);
    const answerKey = answerNames.get(name);
    if (answerKey === undefined) addHeader(headers, name, value);
    else if (name === SET_COOKIE) {
      cookiesFirst ??= [];
      cookiesFirst.push(value);
    } else if (name === VARY) headers[answerKey] = joinVary(listValue(headers[answerKey]).join(', '), value);
  }
  if (cookiesFirst !== undefined && answerNames !== undefined) {
    const key = answerNames.get(SET_COOKIE) as string;
    headers[key] = [...cookiesFirst, ...listValue(headers[key])];
  }
}

function listValue(value: string | string[] | number): string[] {
  return Array.isArray(value) ? value : [String(value)];
}

function ownNames(headers: HeaderRecord): Map<string, string> {
  const names = new Map<string, string>();
  for (const key in headers) names.set(key.toLowerCase(), key);
  return names;
}

/** Adds a header to the record, or joins it to one of the same (lower-case) name added before. */
export function addHeader(headers: HeaderRecord, lower: string, value: string): void {
  const key = findKey(headers, lower) ?? lower;
  const existing = headers[key];
  if (existing === undefined) headers[key] = value;
  else if (lower === VARY) headers[key] = joinVary(String(existing), value);
  else headers[key] = Array.isArray(existing) ? [...existing, value] : [String(existing), value];
}
