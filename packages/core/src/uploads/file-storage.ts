// Receives one file part into memory or into a temp file, within its size limit, keeping its first bytes to sniff.
import { HTTPException } from '../exceptions/http-exception';
import type { FilePart } from '../http/multipart-reader';
import { SNIFF_BYTES } from './file-type-check';
import type { TempFile, TempFiles } from './temp-files';

/** A file fully received: its bytes (memory) or its temp file (disk), its size, and its leading bytes. */
export interface StoredFile {
  readonly buffer?: Buffer;
  readonly path?: string;
  readonly size: number;
  readonly head: Uint8Array;
}

/** How big a file may be, and what the 413 then says. */
export interface SizeLimit {
  readonly bytes: number;
  readonly name: string;
}

function tooLarge(part: FilePart, limit: SizeLimit): HTTPException {
  return new HTTPException(
    413,
    `The file in the field '${part.fieldName}' is larger than ${limit.name} of ${limit.bytes} bytes`,
  );
}

function truncated(error: unknown): HTTPException {
  const reason = error instanceof Error ? error.message : String(error);
  return new HTTPException(400, `Invalid multipart body: ${reason}`);
}

/** Collects the leading bytes of a file, up to what type detection reads. */
class HeadCollector {
  readonly #isNeeded: boolean;
  readonly #chunks: Buffer[] = [];
  #length = 0;

  constructor(isNeeded: boolean) {
    this.#isNeeded = isNeeded;
  }

  add(chunk: Buffer): void {
    if (!this.#isNeeded || this.#length >= SNIFF_BYTES) return;
    const piece = chunk.subarray(0, SNIFF_BYTES - this.#length);
    this.#chunks.push(piece);
    this.#length += piece.length;
  }

  bytes(): Uint8Array {
    return this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks, this.#length);
  }
}

/** Keeps the whole file in memory; past the limit it stops and rejects with a 413. */
export function storeInMemory(part: FilePart, limit: SizeLimit, sniffs: boolean): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const head = new HeadCollector(sniffs);
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit.bytes) {
        part.stream.off('data', onData);
        reject(tooLarge(part, limit));
        return;
      }
      head.add(chunk);
      chunks.push(chunk);
    };
    part.stream.on('data', onData);
    part.stream.once('error', (error) => reject(truncated(error)));
    part.stream.once('end', () => resolve({ buffer: Buffer.concat(chunks, size), size, head: head.bytes() }));
  });
}

/** Writes the file to a new temp file, honouring the disk's backpressure; past the limit it stops with a 413. */
export function storeOnDisk(part: FilePart, limit: SizeLimit, sniffs: boolean, files: TempFiles): Promise<StoredFile> {
  let file: TempFile;
  try {
    file = files.create();
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const { stream: source } = part;
    const head = new HeadCollector(sniffs);
    let size = 0;
    let isDone = false;
    const stop = (error: unknown) => {
      if (isDone) return;
      isDone = true;
      source.off('data', onData);
      // The temp file itself is removed with the request's others when the answer is sent.
      file.stream.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit.bytes) {
        stop(tooLarge(part, limit));
        return;
      }
      head.add(chunk);
      if (!file.stream.write(chunk)) {
        source.pause();
        file.stream.once('drain', () => source.resume());
      }
    };
    source.on('data', onData);
    source.once('error', (error) => stop(truncated(error)));
    source.once('end', () => {
      if (!isDone) file.stream.end();
    });
    file.stream.once('error', (error) => stop(error));
    file.stream.once('finish', () => {
      if (isDone) return;
      isDone = true;
      resolve({ path: file.path, size, head: head.bytes() });
    });
  });
}
