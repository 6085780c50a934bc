// The one write boundary every answer of a request goes through: recorded headers, app headers, compression, body.
import type { ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import type { CompressAnswer } from './compression';
import { applyHeaders, type RecordedHeader } from './recorded-headers';
import type { CorbelRequest } from './request';
import type { ResponseBody } from './response';
import { type HeaderRecord, writeBody } from './response-writer';

/**
 * Writes one answer. `headers` are the answer's own (already checked, and the writer's to mutate); the request's
 * recorded headers go under them. `request` is null only where none was made (the start-up-decided 404).
 */
export type WriteAnswer = (
  request: CorbelRequest | null,
  response: ServerResponse,
  status: number,
  headers: HeaderRecord,
  body: ResponseBody,
) => void;

/** What the app adds to every answer, decided at start-up; null members cost nothing per request. */
export interface AnswerFeatures {
  readonly logger: Logger;
  /** Headers under every answer, below the recorded ones (helmet's). */
  readonly appHeaders: readonly RecordedHeader[] | null;
  readonly compress: CompressAnswer | null;
}

/**
 * Builds the app's writer. With every feature off it is the recorded-headers merge and `writeBody`: a request that
 * recorded nothing pays one property read.
 * @example const write = createAnswerWriter({ logger, appHeaders: null, compress: null });
 */
export function createAnswerWriter(features: AnswerFeatures): WriteAnswer {
  const { logger, appHeaders, compress } = features;
  if (appHeaders === null && compress === null) {
    return (request, response, status, headers, body) => {
      if (request !== null) {
        const recorded = request.responseHeaders;
        if (recorded.length > 0) applyHeaders(headers, recorded);
      }
      writeBody(response, status, headers, body, logger);
    };
  }
  return (request, response, status, headers, body) => {
    if (request !== null) {
      const recorded = request.responseHeaders;
      if (recorded.length > 0) applyHeaders(headers, recorded);
    }
    if (appHeaders !== null) applyHeaders(headers, appHeaders);
    if (compress === null || body === null) {
      writeBody(response, status, headers, body, logger);
      return;
    }
    compress(response, status, headers, body, (sent) => writeBody(response, status, headers, sent, logger));
  };
}
