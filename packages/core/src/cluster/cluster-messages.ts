// What the primary and its workers tell each other over the cluster's IPC channel.

/** A worker is serving. */
export interface ListeningMessage {
  readonly corbel: 'listening';
  readonly url: string;
}

/** The primary asks a worker to close its app and exit. */
export interface ShutdownMessage {
  readonly corbel: 'shutdown';
  readonly signal: string;
}

export function isListeningMessage(message: unknown): message is ListeningMessage {
  return (message as Partial<ListeningMessage> | null)?.corbel === 'listening';
}

export function isShutdownMessage(message: unknown): message is ShutdownMessage {
  return (message as Partial<ShutdownMessage> | null)?.corbel === 'shutdown';
}

/**
 * A worker's message for every other worker (the packets of `@corbel/ws`'s clusterAdapter): the primary forwards
 * it, as is, to each other worker that is connected.
 */
export interface RelayMessage {
  readonly corbel: 'relay';
  readonly topic: string;
  readonly data: string;
}

export function isRelayMessage(message: unknown): message is RelayMessage {
  const candidate = message as Partial<RelayMessage> | null;
  return candidate?.corbel === 'relay' && typeof candidate.topic === 'string' && typeof candidate.data === 'string';
}
