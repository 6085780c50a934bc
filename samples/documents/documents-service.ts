// Keeps uploaded documents in memory and tells subscribers about each new one, as a plain Observable.
import { HTTPNotFound, Injectable, type ObservableLike, type ObserverLike } from '@corbel/core';

export interface StoredDocument {
  readonly id: number;
  readonly title: string;
  readonly rating: number | null;
  readonly fileName: string;
  readonly mimeType: string;
  readonly size: number;
}

interface Entry {
  readonly document: StoredDocument;
  readonly bytes: Buffer;
}

@Injectable()
export class DocumentsService {
  readonly #entries = new Map<number, Entry>();
  readonly #watchers = new Set<Partial<ObserverLike>>();
  #nextId = 1;

  add(fields: Omit<StoredDocument, 'id'>, bytes: Buffer): StoredDocument {
    const document = { id: this.#nextId++, ...fields };
    this.#entries.set(document.id, { document, bytes });
    for (const watcher of this.#watchers) watcher.next?.({ event: 'added', id: String(document.id), data: document });
    return document;
  }

  list(): StoredDocument[] {
    return [...this.#entries.values()].map((entry) => entry.document);
  }

  content(id: number): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new HTTPNotFound(`Document ${id} not found`);
    return entry;
  }

  /**
   * A `ready` event with the count so far, then every document added, as `added` events. An Observable (here
   * without rxjs): unsubscribing, which Corbel does the moment a client leaves, removes the watcher at once. The
   * `ready` event also opens the stream at once: the status and headers go out with the first event.
   */
  changes(): ObservableLike {
    return {
      subscribe: (observer) => {
        observer.next?.({ event: 'ready', data: { documents: this.#entries.size } });
        this.#watchers.add(observer);
        return () => this.#watchers.delete(observer);
      },
    };
  }
}
