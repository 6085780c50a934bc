// The boundary rules for a close frame: which codes may be sent, and a reason cut to fit on a character boundary.

/** RFC 6455 §5.5: a close frame's payload is at most 125 bytes, two of which are the code. */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Codes an endpoint may put in a close frame: 1000–1003, 1007–1014 and the registered/private 3000–4999 ranges.
 * 1004–1006 and 1015 are reserved and must never be sent.
 * @example isSendableCloseCode(4000) // true; isSendableCloseCode(1006) // false
 */
export function isSendableCloseCode(code: unknown): code is number {
  if (typeof code !== 'number' || !Number.isInteger(code)) return false;
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/**
 * `reason` as UTF-8 of at most 123 bytes, cut before a character rather than inside one; lone surrogates
 * become U+FFFD, so the result is always valid UTF-8.
 * @example Buffer.byteLength(cutCloseReason('é'.repeat(100))) // 122: the 62nd 'é' would not fit
 */
export function cutCloseReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.length <= MAX_CLOSE_REASON_BYTES) return bytes.toString('utf8');
  let end = MAX_CLOSE_REASON_BYTES;
  // A byte 10xxxxxx continues a character: step back to the byte that starts it.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
