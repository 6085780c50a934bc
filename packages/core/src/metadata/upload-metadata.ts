// What @UploadedFile and @UploadedFiles record: which parameter takes which files, with the options as written.
import { UPLOADS } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** One upload parameter; its field and options are checked at start-up, not here. */
export interface UploadParameterDefinition {
  readonly index: number;
  /** `file`: one file (@UploadedFile); `files`: an array (@UploadedFiles). */
  readonly kind: 'file' | 'files';
  /** The form field the files come from; undefined means every file (@UploadedFiles() only). */
  readonly field: unknown;
  readonly options: unknown;
}

export function defineUploadParameter(
  prototype: object,
  handlerName: string,
  parameter: UploadParameterDefinition,
): void {
  const parameters = readOwnMetadata<UploadParameterDefinition[]>(UPLOADS, prototype, handlerName) ?? [];
  writeMetadata(UPLOADS, [...parameters, parameter], prototype, handlerName);
}

/** The upload parameters of a handler, ordered by position; empty for a route that takes no files. */
export function readUploadParameters(prototype: object, handlerName: string): readonly UploadParameterDefinition[] {
  const parameters = readOwnMetadata<UploadParameterDefinition[]>(UPLOADS, prototype, handlerName) ?? [];
  return [...parameters].sort((a, b) => a.index - b.index);
}
