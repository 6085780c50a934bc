// Runs the plugins' fallbacks (serveStatic) for a request whose path no route serves, before the 404.
import { HTTPNotFound } from '../exceptions/http-exception';
import type { UnmatchedPipeline } from '../pipeline/pipeline-compiler';
import type { UnmatchedHandler } from '../plugins/plugin';

/**
 * The inner step of the unmatched pipeline: each fallback in turn until one answers; else the 404 as before. A 405
 * or 400 (the path is served for other methods, or malformed) is never handed to a fallback.
 */
export function composeFallbacks(fallbacks: readonly UnmatchedHandler[]): UnmatchedPipeline | undefined {
  if (fallbacks.length === 0) return undefined;
  return async (request, error) => {
    if (!(error instanceof HTTPNotFound)) throw error;
    for (const fallback of fallbacks) {
      const answer = await fallback(request);
      if (answer !== undefined) return answer;
    }
    throw error;
  };
}
