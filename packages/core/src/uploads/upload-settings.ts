// The app-wide upload limits and storage (`createApp({ uploads })`), checked once at start-up.
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CorbelError } from '../errors/corbel-error';
import { checkOptionKeys, checkWholeNumber } from '../errors/option-checks';

/**
 * `createApp({ uploads })`: limits for every multipart body (they replace `bodyLimit` there), and where files go.
 * @example createApp({ controllers: [FilesController], uploads: { fileSize: 5 * 1024 * 1024, storage: 'disk' } })
 */
export interface UploadSettings {
  /** The largest file, in bytes (default 10 MiB). */
  readonly fileSize?: number;
  /** The most files in one body (default 10). */
  readonly files?: number;
  /** The most text fields in one body (default 100). */
  readonly fields?: number;
  /** The largest text field, in bytes (default 1 MiB). */
  readonly fieldSize?: number;
  /** The most parts, files and fields together (default 1000). */
  readonly parts?: number;
  /** `'memory'` (default): files arrive as a `buffer`; `'disk'`: as a `path` in `tempDir`, removed after the answer. */
  readonly storage?: 'memory' | 'disk';
  /** Where disk storage writes (default `os.tmpdir()`); it must exist at start-up. */
  readonly tempDir?: string;
}

export interface ResolvedUploadSettings {
  readonly fileSize: number;
  readonly files: number;
  readonly fields: number;
  readonly fieldSize: number;
  readonly parts: number;
  readonly storage: 'memory' | 'disk';
  readonly tempDir: string;
}

const MEBIBYTE = 1024 * 1024;
const KEYS = ['fileSize', 'files', 'fields', 'fieldSize', 'parts', 'storage', 'tempDir'];
const CODE = 'CORBEL_ERR_INVALID_OPTION';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function resolveTempDir(settings: UploadSettings, storage: 'memory' | 'disk'): string {
  if (storage === 'memory') {
    if (settings.tempDir !== undefined) {
      throw new CorbelError(CODE, "createApp({ uploads: { tempDir } }): tempDir is only used with storage: 'disk'");
    }
    return tmpdir();
  }
  const tempDir = settings.tempDir ?? tmpdir();
  if (typeof tempDir !== 'string' || !isDirectory(tempDir)) {
    throw new CorbelError(
      CODE,
      `createApp({ uploads: { tempDir } }): expected an existing directory, got ${JSON.stringify(tempDir)}`,
    );
  }
  return tempDir;
}

/** Checks `createApp({ uploads })`; an unknown key or an impossible value is `CORBEL_ERR_INVALID_OPTION`. */
export function resolveUploadSettings(settings: UploadSettings = {}): ResolvedUploadSettings {
  checkOptionKeys(settings, KEYS, CODE, 'createApp({ uploads })');
  const storage = settings.storage ?? 'memory';
  if (storage !== 'memory' && storage !== 'disk') {
    throw new CorbelError(
      CODE,
      `createApp({ uploads: { storage } }): expected 'memory' or 'disk', got ${JSON.stringify(storage)}`,
    );
  }
  const count = (key: 'files' | 'fields' | 'parts', fallback: number) =>
    checkWholeNumber(settings[key], 0, fallback, CODE, `createApp({ uploads: { ${key} } })`);
  const size = (key: 'fileSize' | 'fieldSize', fallback: number) =>
    checkWholeNumber(settings[key], 1, fallback, CODE, `createApp({ uploads: { ${key} } })`);
  return {
    fileSize: size('fileSize', 10 * MEBIBYTE),
    files: count('files', 10),
    fields: count('fields', 100),
    fieldSize: size('fieldSize', MEBIBYTE),
    parts: count('parts', 1000),
    storage,
    tempDir: resolveTempDir(settings, storage),
  };
}
