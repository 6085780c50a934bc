// An application error no scenario throws: its filter is registered so 404s walk a non-empty filter registry.

/** Raised by application code for a bad value; the targets map it to 400 through a user filter. */
export class ValueError extends Error {}
