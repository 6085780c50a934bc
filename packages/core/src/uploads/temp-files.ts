// The temp files of one request in disk mode: random names in tempDir, every one removed when the request is over.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientDisconnected } from '../http/body-reader';

/** One temp file being written. */
export interface TempFile {
  readonly path: string;
  readonly stream: WriteStream;
}

interface Tracked extends TempFile {
  /** Settles once the descriptor is closed: only then can unlinking not race the file's creation. */
  readonly closed: Promise<void>;
}

/** Creates and tracks the temp files of one request; `removeAll()` deletes them, whatever state they are in. */
export class TempFiles {
  readonly #dir: string;
  readonly #files: Tracked[] = [];
  #isRemoved = false;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** A new file, created exclusively (`wx`) and readable by the owner only. */
  create(): TempFile {
    // The request is already over (the client left): a file made now would never be removed.
    if (this.#isRemoved) throw new ClientDisconnected();
    const path = join(this.#dir, `corbel-upload-${randomBytes(16).toString('hex')}`);
    const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    // Errors are reported through the upload that writes it; after removal nobody listens, so never unhandled.
    stream.on('error', () => {});
    this.#files.push({ path, stream, closed });
    return { path, stream };
  }

  /** Stops every write and deletes every file; safe to call more than once. */
  async removeAll(): Promise<void> {
    this.#isRemoved = true;
    const files = this.#files.splice(0);
    await Promise.all(
      files.map(async ({ path, stream, closed }) => {
        stream.destroy();
        await closed;
        // ENOENT: the handler moved it, or opening it failed. Nothing else can be done about another failure.
        await unlink(path).catch(() => {});
      }),
    );
  }
}
