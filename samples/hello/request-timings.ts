// samples/hello: how long each handler took, as recorded by TimingInterceptor.
import { Injectable } from '@corbel/core';

@Injectable()
export class RequestTimings {
  readonly #latest = new Map<string, number>();

  record(handler: string, milliseconds: number): void {
    this.#latest.set(handler, Math.round(milliseconds * 1000) / 1000);
  }

  /** The latest duration of each handler, in milliseconds. */
  latest(): Record<string, number> {
    return Object.fromEntries(this.#latest);
  }
}
