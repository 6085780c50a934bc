// A connection keeps its handshake's headers for its whole life; most of their values are the same on every one.
import type { IncomingHttpHeaders } from 'node:http';

// Bounds, so clients sending fresh values on every handshake cannot grow the table: a full table starts over (the
// common values come back at once), and long values are kept as they came.
const MAX_VALUES = 512;
const MAX_VALUE_LENGTH = 256;
// Different on every handshake by design: sharing it would only fill the table.
const UNIQUE_PER_HANDSHAKE = 'sec-websocket-key';

/**
 * Swaps each header value for an earlier connection's identical string, so 5,000 connections from one browser
 * hold one `user-agent` rather than 5,000 copies (Node's parser makes a new string per request). Bounded in
 * entries and length; the headers object itself and what it says are unchanged.
 * @example
 * const values = new HeaderValues();
 * values.intern(request.headers); // request.headers.host === the host string of an earlier handshake
 */
export class HeaderValues {
  readonly #seen = new Map<string, string>();

  intern(headers: IncomingHttpHeaders): void {
    for (const name in headers) {
      const value = headers[name];
      if (typeof value === 'string' && name !== UNIQUE_PER_HANDSHAKE) headers[name] = this.#shared(value);
    }
  }

  #shared(value: string): string {
    if (value.length > MAX_VALUE_LENGTH) return value;
    const seen = this.#seen.get(value);
    if (seen !== undefined) return seen;
    if (this.#seen.size >= MAX_VALUES) this.#seen.clear();
    this.#seen.set(value, value);
    return value;
  }
}
