// The chat's limits, shared by the gateway that enforces them and the page that checks them before sending.

/** A member's name: 1 to 32 characters, checked before the WebSocket handshake completes. */
export const NAME_MAX_LENGTH = 32;

/** A message's text: 1 to 500 characters, validated by SayDto. */
export const TEXT_MAX_LENGTH = 500;
