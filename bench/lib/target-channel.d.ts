// Types for target-channel.js, so the TypeScript targets speak the same runner protocol as the JavaScript ones.

/** Port from PORT, else the first CLI argument, else 0 (the OS picks one). */
export declare function resolvePort(): number;
/** Total routes the target should register for the route-count scaling suite; 0 means "just the scenario routes". */
export declare function resolveRouteCount(): number;
/** Says the server is listening (stdout and IPC) and starts answering the runner's CPU/RSS probes. */
export declare function announceReady(port: number): void;
