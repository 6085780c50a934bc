// Parses a text frame's JSON for receiveJson() and @SubscribeMessage gateways: one rule, two close reasons.
import { WebSocketException } from '@corbel/core';
import secureJson from 'secure-json-parse';

const INVALID_PAYLOAD = 1007;
// A literal null in JSON's own whitespace (after the byte order mark secure-json-parse strips): the one text whose
// value is null without being refused.
const JSON_NULL = /^\uFEFF?[\t\n\r ]*null[\t\n\r ]*$/;

/**
 * The value of `text`. Malformed JSON throws `WebSocketException(1007, 'Invalid JSON')`; a `__proto__` or
 * `constructor.prototype` key, at any depth and however escaped, throws `WebSocketException(1007, 'Forbidden
 * property name in JSON')`, so a client can tell a poisoning attempt from a typo.
 * @example parseJsonText('{"event":"say","data":"hi"}') // { event: 'say', data: 'hi' }
 */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    // `safe` answers null instead of throwing for a forbidden key, so only malformed JSON throws here.
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error', safe: true });
  } catch {
    throw new WebSocketException(INVALID_PAYLOAD, 'Invalid JSON');
  }
  if (value === null && !JSON_NULL.test(text)) {
    throw new WebSocketException(INVALID_PAYLOAD, 'Forbidden property name in JSON');
  }
  return value;
}
