// @UploadedFile, @UploadedFiles: handler arguments taken from the files of a multipart/form-data body.
import { defineUploadParameter } from '../metadata/upload-metadata';

interface UploadedFileFields {
  /** The form field the file was sent in. */
  readonly fieldName: string;
  /** The file name the client gave, without any directory part ('' when it gave none). */
  readonly fileName: string;
  /** The type the part declared (`Content-Type`), lower-cased. */
  readonly mimeType: string;
  /** The part's transfer encoding (`7bit` unless it said otherwise). */
  readonly encoding: string;
  /** Bytes received. */
  readonly size: number;
}

/** A file kept in memory (`uploads.storage: 'memory'`, the default). */
export interface MemoryUploadedFile extends UploadedFileFields {
  readonly buffer: Buffer;
  readonly path?: undefined;
}

/**
 * A file written to `uploads.tempDir` (`uploads.storage: 'disk'`). The temp file is removed once the answer is sent
 * (or the request fails, or the client leaves): move or copy it in the handler to keep it.
 */
export interface DiskUploadedFile extends UploadedFileFields {
  readonly path: string;
  readonly buffer?: undefined;
}

/** What an @UploadedFile parameter receives: `buffer` in memory mode, `path` in disk mode. */
export type UploadedFile = MemoryUploadedFile | DiskUploadedFile;

/** Options of @UploadedFile. */
export interface UploadedFileOptions {
  /** The largest file accepted in this field, in bytes (at most `uploads.fileSize`); larger answers 413. */
  readonly maxSize?: number;
  /**
   * Types accepted (`'image/png'`, `'image/*'`): the declared type must match one, and a file whose leading bytes
   * show an image or PDF type must match one too (an HTML page sent as `image/png` is refused). Else a 422
   * `file_type` entry.
   */
  readonly mimeTypes?: readonly string[];
  /** A missing file is a 422 `missing` entry. Default true for @UploadedFile, false for @UploadedFiles. */
  readonly required?: boolean;
}

/** Options of @UploadedFiles. */
export interface UploadedFilesOptions extends UploadedFileOptions {
  /** The most files this parameter takes; more answers 413. */
  readonly maxCount?: number;
}

/**
 * One file of a `multipart/form-data` body, from the field `field`. The route then reads multipart bodies: its
 * @Body() gets the text fields, validated as a form is.
 * @example
 * @Post('/avatar')
 * upload(@UploadedFile('avatar', { maxSize: 1_048_576, mimeTypes: ['image/png', 'image/jpeg'] }) avatar: UploadedFile) {
 *   return { name: avatar.fileName, size: avatar.size };
 * }
 */
export function UploadedFile(field: string, options?: UploadedFileOptions): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    defineUploadParameter(target, String(propertyKey), { index, kind: 'file', field, options: options ?? {} });
  };
}

/**
 * The files of one field as an array, or every file of the body without a field.
 * @example
 * @Post('/album')
 * add(@UploadedFiles('photos', { maxCount: 20, mimeTypes: ['image/*'] }) photos: UploadedFile[], @Body() album: AlbumDto) {}
 */
export function UploadedFiles(field?: string, options?: UploadedFilesOptions): ParameterDecorator;
export function UploadedFiles(options: UploadedFilesOptions): ParameterDecorator;
export function UploadedFiles(
  field?: string | UploadedFilesOptions,
  options?: UploadedFilesOptions,
): ParameterDecorator {
  const isNamed = typeof field === 'string';
  const given = isNamed || field === undefined ? (options ?? {}) : field;
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    defineUploadParameter(target, String(propertyKey), {
      index,
      kind: 'files',
      field: isNamed ? field : undefined,
      options: given,
    });
  };
}
