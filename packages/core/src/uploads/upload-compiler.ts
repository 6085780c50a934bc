// The app's upload support: its settings, checked once, and the compiled reading of each upload route.
import { loadMultipartParser } from '../http/multipart-reader';
import type { UploadParameterDefinition } from '../metadata/upload-metadata';
import { UploadPlan } from './upload-plan';
import { compileUploadReading, type UploadReading } from './upload-reader';
import { type ResolvedUploadSettings, resolveUploadSettings, type UploadSettings } from './upload-settings';

/** Compiles upload routes with the app's `uploads` settings; one per app, made by createApp. */
export class UploadCompiler {
  readonly #settings: ResolvedUploadSettings;

  constructor(settings: UploadSettings | undefined) {
    this.#settings = resolveUploadSettings(settings);
  }

  /** The reading of a handler with upload parameters, or null for one without (which keeps refusing multipart). */
  forHandler(owner: string, definitions: readonly UploadParameterDefinition[]): UploadReading | null {
    if (definitions.length === 0) return null;
    loadMultipartParser();
    return compileUploadReading(new UploadPlan(owner, definitions, this.#settings), this.#settings);
  }
}
