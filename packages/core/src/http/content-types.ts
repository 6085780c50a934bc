// The content-type headers the framework sends itself: frozen pairs the response writer trusts without re-checking.

/** One `[name, value]` response header, as a `HeaderList` holds it. */
type HeaderPair = [string, string];

function contentType(value: string): HeaderPair {
  // Frozen: a pair the writer skips checking must never change after it was written down here.
  return Object.freeze(['content-type', value]) as HeaderPair;
}

export const JSON_CONTENT_TYPE = contentType('application/json; charset=utf-8');
export const TEXT_CONTENT_TYPE = contentType('text/plain; charset=utf-8');
export const HTML_CONTENT_TYPE = contentType('text/html; charset=utf-8');
export const BYTES_CONTENT_TYPE = contentType('application/octet-stream');

const KNOWN = new Set<HeaderPair>([JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE, HTML_CONTENT_TYPE, BYTES_CONTENT_TYPE]);

/** True for the framework's own frozen pairs, whose name and value are known to be valid. */
export function isKnownHeader(pair: HeaderPair): boolean {
  return KNOWN.has(pair);
}
