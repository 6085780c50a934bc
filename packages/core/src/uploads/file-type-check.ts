// Which file types a parameter accepts, checked against the declared type and, for images and PDFs, the content.
import type { fileTypeFromBuffer as FileTypeFromBuffer } from 'file-type';

/** Bytes file-type reads at most to recognise a type (its `reasonableDetectionSizeInBytes`). */
export const SNIFF_BYTES = 4100;

// The types whose leading bytes are checked: those a browser renders or a viewer opens, where a disguised file
// does harm. Office documents and archives are left to the declared type: a head of 4 KB cannot tell them apart.
const SNIFFED_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/x-icon',
  'image/vnd.microsoft.icon',
  'application/pdf',
]);

const PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/;

/** True for `type/subtype` or `type/*`, lower-case. */
export function isMimePattern(pattern: unknown): pattern is string {
  return typeof pattern === 'string' && PATTERN.test(pattern);
}

/** The accepted types of one parameter, matched exactly or by `type/*`. */
export class MimeTypes {
  /** The patterns as declared, in order (`['image/png', 'image/*']`). */
  readonly patterns: readonly string[];
  readonly #exact: ReadonlySet<string>;
  readonly #prefixes: readonly string[];
  readonly #expected: string;

  constructor(patterns: readonly string[]) {
    this.patterns = Object.freeze([...patterns]);
    this.#exact = new Set(patterns.filter((pattern) => !pattern.endsWith('/*')));
    this.#prefixes = patterns.filter((pattern) => pattern.endsWith('/*')).map((pattern) => pattern.slice(0, -1));
    this.#expected = patterns.join(' or ');
  }

  matches(type: string): boolean {
    return this.#exact.has(type) || this.#prefixes.some((prefix) => type.startsWith(prefix));
  }

  /**
   * Why a file is refused, or undefined when it is accepted: its declared type must match, and content recognised
   * as an image or PDF must match too; a file declared as one of those must have content that shows it.
   */
  refusal(declared: string, detected: string | undefined): string | undefined {
    if (!this.matches(declared)) return `File type '${declared}' is not allowed; expected ${this.#expected}`;
    if (detected !== undefined && SNIFFED_TYPES.has(detected)) {
      if (this.matches(detected)) return undefined;
      return `The file's content is ${detected}, which is not allowed; expected ${this.#expected}`;
    }
    if (SNIFFED_TYPES.has(declared)) {
      const found = detected === undefined ? 'could not be recognised' : `is ${detected}`;
      return `The file is declared as ${declared} but its content ${found}; expected ${this.#expected}`;
    }
    return undefined;
  }
}

let loading: Promise<typeof FileTypeFromBuffer> | undefined;

/** Loads file-type (an ES module) once; call it at start-up when a route checks types, so no request waits for it. */
export function loadTypeDetector(): Promise<typeof FileTypeFromBuffer> {
  loading ??= import('file-type').then((module) => module.fileTypeFromBuffer);
  return loading;
}

/** The type the leading bytes show (file-type's signatures), or undefined when none matches. */
export async function detectType(head: Uint8Array): Promise<string | undefined> {
  if (head.byteLength === 0) return undefined;
  const fileTypeFromBuffer = await loadTypeDetector();
  return (await fileTypeFromBuffer(head))?.mime;
}
