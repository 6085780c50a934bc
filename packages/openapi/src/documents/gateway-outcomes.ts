// How a gateway can end or answer an error: each close code, handshake refusal or filter message, and why.

import type { FilterTable } from '@corbel/core';
import {
  HTTPException,
  RequestValidationError,
  type ReturnsDefinition,
  type ThrowsDefinition,
  WebSocketException,
} from '@corbel/core';
import type { GatewayDescription, GatewayMethodDescription } from '@corbel/ws';
import { exemplarOf, resolveError } from './error-answers';

/** What the client gets. */
export type GatewayAnswer =
  | { readonly kind: 'close'; readonly code: number | undefined }
  | { readonly kind: 'refusal'; readonly status: number }
  | { readonly kind: 'message'; readonly filter: string; readonly returns: readonly ReturnsDefinition[] };

export interface GatewayOutcome {
  /** Why, in a few words (`a message that fails validation`). */
  readonly cause: string;
  /** The gateway method concerned, when one is. */
  readonly method: string | undefined;
  readonly answer: GatewayAnswer;
}

// What the transport does whatever the gateway declares (see @corbel/ws's close table).
const TRANSPORT: readonly GatewayOutcome[] = [
  { cause: 'the server is shutting down (app.close())', method: undefined, answer: { kind: 'close', code: 1001 } },
  { cause: 'a message over maxPayload', method: undefined, answer: { kind: 'close', code: 1009 } },
  { cause: 'a WebSocket protocol error', method: undefined, answer: { kind: 'close', code: 1002 } },
];

/** How the filters answer `error` on a gateway: a close (the built-in answers), or a user filter's message. */
function answerOf(table: FilterTable, error: unknown): GatewayAnswer {
  const resolution = resolveError(table, error, false);
  if (resolution.kind === 'filter') return { kind: 'message', filter: resolution.filter, returns: resolution.returns };
  if (resolution.key === 'validation') return { kind: 'close', code: 1008 };
  if (resolution.key === 'websocket' && error instanceof WebSocketException) {
    return { kind: 'close', code: typeof error.code === 'number' ? error.code : undefined };
  }
  return { kind: 'close', code: 1011 };
}

function wsExemplar(declared: ThrowsDefinition, where: string): unknown {
  return typeof declared.error === 'number'
    ? new WebSocketException(declared.error, declared.description ?? '')
    : exemplarOf(declared.error, where);
}

function declaredOutcomes(gateway: GatewayDescription, method: GatewayMethodDescription): GatewayOutcome[] {
  const where = `${gateway.gateway.name}.${method.method}`;
  return method.throws.map((declared) => {
    const cause = declared.description ?? `raised by ${method.method}`;
    return { cause, method: method.method, answer: answerOf(method.filters, wsExemplar(declared, where)) };
  });
}

function handshakeOutcomes(gateway: GatewayDescription): GatewayOutcome[] {
  const { handshake } = gateway;
  const where = `${gateway.gateway.name}.${handshake.method}`;
  const outcomes: GatewayOutcome[] = [];
  if (handshake.hasGuards) {
    outcomes.push({
      cause: 'a handshake guard refused',
      method: handshake.method,
      answer: { kind: 'refusal', status: 403 },
    });
  }
  for (const declared of handshake.throws) {
    const cause = declared.description ?? `raised by ${handshake.method}`;
    const { error } = declared;
    // Before the handshake completes an HTTPException is the upgrade's answer: an HTTP status, no socket.
    if (typeof error === 'number' && error < 1000) {
      outcomes.push({ cause, method: handshake.method, answer: { kind: 'refusal', status: error } });
      continue;
    }
    const exemplar = wsExemplar(declared, where);
    const answer: GatewayAnswer =
      exemplar instanceof HTTPException
        ? { kind: 'refusal', status: exemplar.statusCode }
        : answerOf(handshake.filters, exemplar);
    outcomes.push({ cause, method: handshake.method, answer });
  }
  return outcomes;
}

/**
 * Everything a gateway's client can be answered with other than a reply: closes (with their codes), handshake
 * refusals, and the messages user filters send instead of closing, each resolved through the table that handles
 * it at run time (the class's for frame errors, each handler's for its own).
 * `validates` says whether a @MessageBody type is a validated DTO.
 * @example gatewayOutcomes(gateway, isValidated) // [{ cause: 'invalid JSON…', answer: { kind: 'close', code: 1007 } }, …]
 */
export function gatewayOutcomes(gateway: GatewayDescription, validates: (type: unknown) => boolean): GatewayOutcome[] {
  const outcomes: GatewayOutcome[] = [...handshakeOutcomes(gateway)];
  if (gateway.receiveLoop) {
    outcomes.push({
      cause: 'the receive loop returned',
      method: gateway.receiveLoop.method,
      answer: { kind: 'close', code: 1000 },
    });
    outcomes.push(...declaredOutcomes(gateway, gateway.receiveLoop));
    const unexpected = answerOf(gateway.receiveLoop.filters, new Error('unexpected'));
    outcomes.push({ cause: 'an unexpected error', method: gateway.receiveLoop.method, answer: unexpected });
  } else {
    const frames = [
      { cause: 'invalid JSON, or a frame that is not {"event": string, "data": …}', code: 1007 },
      { cause: 'a binary frame, or an unknown event', code: 1003 },
    ];
    for (const { cause, code } of frames) {
      outcomes.push({ cause, method: undefined, answer: answerOf(gateway.filters, new WebSocketException(code, '')) });
    }
  }
  for (const handler of gateway.handlers) {
    const { method, filters } = handler;
    if (handler.parameters.some((parameter) => parameter.source === 'body' && validates(parameter.type))) {
      const error = new RequestValidationError([], 'body');
      outcomes.push({ cause: 'a message that fails validation', method, answer: answerOf(filters, error) });
    }
    if (handler.hasGuards) {
      const error = new WebSocketException(1008, 'Forbidden');
      outcomes.push({ cause: 'a message guard refused', method, answer: answerOf(filters, error) });
    }
    outcomes.push(...declaredOutcomes(gateway, handler));
    outcomes.push({ cause: 'an unexpected error', method, answer: answerOf(filters, new Error('unexpected')) });
  }
  return [...outcomes, ...TRANSPORT];
}
