// The close code ws sends when it rejects a client's frame, from the error's public `code`.

// ws closes with these codes but reports 1006 itself, since it stops reading before the peer's close frame.
const CODES: Readonly<Record<string, number>> = {
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
};

/**
 * The code ws closed the connection with after `error`: 1007 bad UTF-8, 1009 too big, 1002 other protocol errors.
 * @example protocolErrorCode(Object.assign(new Error(), { code: 'WS_ERR_INVALID_UTF8' })) // 1007
 */
export function protocolErrorCode(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (CODES[code] ?? 1002) : 1002;
}
