// Normalises the two header shapes genro-asgi accepts into one ordered list that keeps duplicates.

/** Response headers as a record (`{ 'WWW-Authenticate': 'Bearer' }`) or as pairs, which may repeat a name. */
export type HeadersInit = Readonly<Record<string, string>> | readonly (readonly [string, string])[];

/** An ordered list of `[name, value]` pairs; duplicates such as two `Set-Cookie` headers are kept. */
export type HeaderList = [string, string][];

/**
 * Copies `headers` into a new `[name, value][]` in insertion order, or `null` when absent.
 * Nothing is validated here: the boundary that writes the response rejects CR/LF and bad names.
 * @example
 * toHeaderList({ 'WWW-Authenticate': 'Bearer' }); // [['WWW-Authenticate', 'Bearer']]
 * toHeaderList([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]); // both kept
 */
export function toHeaderList(headers: HeadersInit | null | undefined): HeaderList | null {
  if (headers === null || headers === undefined) return null;
  if (Array.isArray(headers)) return headers.map(([name, value]) => [name, value]);
  return Object.entries(headers as Record<string, string>).map(([name, value]) => [name, value]);
}
