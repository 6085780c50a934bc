// One connection's life: handleConnection before the handshake, then the gateway, then handleDisconnect.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CorbelError, type CorbelRequest, HTTPException } from '@corbel/core';
import type { WebSocketConnection } from '../connection';
import type { CloseListener, SocketChannel } from '../transport/socket-channel';
import type { CompiledGateway, CompiledMethod, CompiledScope, StagedMethod } from './compile-gateway';
import { answerError, type ErrorAnswerDependencies } from './error-answer';
import { rejectUpgrade, rejectWithException } from './http-rejection';
import { type LoopListener, runMessageLoop } from './message-loop';

export interface SessionParts {
  readonly gateway: CompiledGateway;
  readonly connection: WebSocketConnection;
  readonly channel: SocketChannel;
  readonly request: IncomingMessage;
  readonly socket: Duplex;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };
type ScopedOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: unknown; readonly scope: CompiledScope };

const OK = { ok: true } as const;

function succeeded(): Outcome {
  return OK;
}

function failed(error: unknown): Outcome {
  return { ok: false, error };
}

/**
 * Calls a gateway method and settles with how it went. Not an async function: this promise may be pending for the
 * connection's whole life (a receive loop), where a suspended async function would cost a generator and its
 * registers; the shared `succeeded`/`failed` handlers cost nothing per call.
 */
function attempt(method: CompiledMethod | undefined, args: unknown[]): Promise<Outcome> {
  if (!method) return Promise.resolve(OK);
  try {
    return Promise.resolve(method.invoke(...args)).then(succeeded, failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
}

function nothing(): undefined {
  return undefined;
}

/** The handshake's guards, then handleConnection; a failure carries the scope whose filters answer it. */
async function connect(
  gateway: CompiledGateway,
  connection: WebSocketConnection,
  request: IncomingMessage,
  handshake: CorbelRequest | undefined,
): Promise<ScopedOutcome> {
  const { guards } = gateway.handshake;
  if (guards) {
    try {
      // usesStages is true whenever a gateway has guards, so the handshake request exists here.
      await guards.run(handshake as CorbelRequest, nothing, { connection });
    } catch (error) {
      return { ok: false, error, scope: gateway.handshake };
    }
  }
  const { handleConnection } = gateway;
  const connected = await attempt(handleConnection, [connection, request]);
  if (connected.ok || !handleConnection) return OK;
  return { ok: false, error: connected.error, scope: handleConnection };
}

/** The receive loop, inside its interceptors when it has any; rejects with what it threw. */
function runLoop(method: StagedMethod, connection: WebSocketConnection, handshake: CorbelRequest | undefined): unknown {
  const { stages } = method;
  if (!stages) return method.invoke(connection);
  return stages.run(handshake as CorbelRequest, () => method.invoke(connection), { connection });
}

function refuseMisuse(
  socket: Duplex,
  error: CorbelError,
  scope: CompiledScope,
  dependencies: ErrorAnswerDependencies,
): void {
  const { controller, method } = scope.reference;
  dependencies.logger.error(
    { err: error, ...error.details, code: error.code, route: `${controller.name}.${method}` },
    'Refusing the WebSocket upgrade with 500',
  );
  rejectUpgrade(socket, 500, [], 'Internal Server Error');
}

/**
 * Steps 1–3: guards and handleConnection, the handshake, their errors. Resolves null when no connection opened,
 * else the handshake request guards and interceptors see (undefined when the gateway has none).
 */
async function open(
  parts: SessionParts,
  accept: () => void,
  dependencies: ErrorAnswerDependencies,
): Promise<CorbelRequest | undefined | null> {
  const { gateway, connection, channel, request, socket } = parts;
  // Made only for gateways with guards or interceptors: they see the upgrade as a route's request.
  const handshake = gateway.usesStages ? gateway.createRequest(request, connection.path, connection.params) : undefined;
  // 1. The guards, then handleConnection, before the handshake completes: an HTTPException (a refusing guard's
  //    HTTPForbidden among them) refuses the upgrade.
  const connected = await connect(gateway, connection, request, handshake);
  if (!connected.ok && connected.error instanceof CorbelError) {
    // A framework misuse found on this request (a guard answering 1 or an object): the upgrade is refused, not let in.
    refuseMisuse(socket, connected.error, connected.scope, dependencies);
    channel.abandon();
    return;
  }
  if (!connected.ok && connected.error instanceof HTTPException) {
    rejectWithException(socket, connected.error, dependencies.logger);
    channel.abandon();
    return null;
  }
  // 2. The handshake.
  try {
    accept();
  } catch (error) {
    dependencies.logger.error({ err: error, path: connection.path }, 'Completing the WebSocket handshake failed');
    socket.destroy();
  }
  if (!channel.isAttached) {
    channel.abandon();
    return null;
  }
  // 3. Any other guard or handleConnection error goes through the filters (a WebSocketException closes at once).
  if (!connected.ok) {
    const { filters, reference } = connected.scope;
    await answerError(dependencies, filters, connected.error, connection, reference);
  }
  return handshake;
}

/** Told once when a session ends: normally, or (a bug) by throwing past every guard. */
export interface SessionEnd {
  ended(session: Session): void;
  failed(error: unknown, session: Session): void;
}

/**
 * One connection from the upgrade to its end: steps 1–3 in `open` (which holds the upgrade request, and only until
 * the handshake completes), then the gateway (4) and handleDisconnect (5). An object with callbacks rather than an
 * async function: a suspended async function would cost a generator and its registers, and each awaited promise
 * its reactions, for the connection's whole life. Never throws or rejects: what escapes goes to `end.failed`.
 * @example new Session(gateway, connection, channel, dependencies, end).start(parts, () => done(true));
 */
export class Session implements LoopListener, CloseListener {
  readonly gateway: CompiledGateway;
  readonly connection: WebSocketConnection;
  readonly channel: SocketChannel;
  readonly #dependencies: ErrorAnswerDependencies;
  readonly #end: SessionEnd;
  #finished: Promise<void> | undefined;
  #markFinished: (() => void) | undefined;
  #isFinished = false;

  constructor(
    gateway: CompiledGateway,
    connection: WebSocketConnection,
    channel: SocketChannel,
    dependencies: ErrorAnswerDependencies,
    end: SessionEnd,
  ) {
    this.gateway = gateway;
    this.connection = connection;
    this.channel = channel;
    this.#dependencies = dependencies;
    this.#end = end;
  }

  /** Resolves once the session has ended (handleDisconnect included); made on first use (shutdown waits on it). */
  get finished(): Promise<void> {
    if (this.#isFinished) return Promise.resolve();
    this.#finished ??= new Promise((resolve) => {
      this.#markFinished = resolve;
    });
    return this.#finished;
  }

  start(parts: SessionParts, accept: () => void): void {
    open(parts, accept, this.#dependencies).then(
      (handshake) => this.#opened(handshake),
      (error: unknown) => this.#fail(error),
    );
  }

  /** The message loop handled every frame the connection left. */
  loopEnded(): void {
    this.channel.onClosed(this);
  }

  /** The connection is closed: handleDisconnect, after the current event (ws's 'close') has run its course. */
  channelClosed(): void {
    const { handleDisconnect } = this.gateway;
    if (!handleDisconnect) {
      this.#finish();
      return;
    }
    const { closeCode = 1006, closeReason = '' } = this.connection;
    attempt(handleDisconnect, [this.connection, closeCode, closeReason])
      .then((ended) => {
        if (ended.ok) return;
        const { filters, reference } = handleDisconnect;
        return answerError(this.#dependencies, filters, ended.error, this.connection, reference);
      })
      .then(
        () => this.#finish(),
        (error: unknown) => this.#fail(error),
      );
  }

  // 4. The gateway's own part, while the connection is open.
  #opened(handshake: CorbelRequest | undefined | null): void {
    if (handshake === null) {
      this.#finish();
      return;
    }
    const { onConnection } = this.gateway;
    if (this.connection.state !== 'open') this.loopEnded();
    else if (onConnection) this.#runReceiveLoop(onConnection, handshake);
    else runMessageLoop(this.gateway, this.connection, this.channel, this.#dependencies, handshake, this);
  }

  #runReceiveLoop(method: StagedMethod, handshake: CorbelRequest | undefined): void {
    let running: unknown;
    try {
      running = runLoop(method, this.connection, handshake);
    } catch (error) {
      this.#receiveLoopFailed(method, error);
      return;
    }
    Promise.resolve(running).then(
      () => this.#receiveLoopEnded(),
      (error: unknown) => this.#receiveLoopFailed(method, error),
    );
  }

  #receiveLoopFailed(method: StagedMethod, error: unknown): void {
    const { filters, reference } = method;
    answerError(this.#dependencies, filters, error, this.connection, reference).then(
      () => this.#receiveLoopEnded(),
      (failure: unknown) => this.#fail(failure),
    );
  }

  // The receive loop is the connection's lifetime: when it ends, so does the connection.
  #receiveLoopEnded(): void {
    void this.connection.close(1000, '');
    this.loopEnded();
  }

  #finish(): void {
    if (this.#isFinished) return;
    this.#isFinished = true;
    this.#markFinished?.();
    this.#end.ended(this);
  }

  #fail(error: unknown): void {
    if (this.#isFinished) return;
    this.#end.failed(error, this);
    this.#finish();
  }
}
