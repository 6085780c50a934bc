// openValueStream reads async iterables, iterables and Observables alike, and return() stops each of them at once.
import { isObservable, isValueSource, openValueStream, type ValueStream } from '@corbel/core';
import { expect } from 'chai';
import { TestObservable } from '../sse/support/sources';

async function readAll(values: ValueStream): Promise<unknown[]> {
  const read: unknown[] = [];
  for await (const value of values) read.push(value);
  return read;
}

describe('openValueStream', () => {
  it('reads an async generator, an array, a sync generator and a Set, awaiting promised values', async () => {
    async function* letters() {
      yield 'a';
      yield 'b';
    }
    function* numbers() {
      yield 1;
      yield Promise.resolve(2);
    }
    expect(await readAll(openValueStream(letters()))).to.deep.equal(['a', 'b']);
    expect(await readAll(openValueStream([1, Promise.resolve(2)]))).to.deep.equal([1, 2]);
    expect(await readAll(openValueStream(numbers()))).to.deep.equal([1, 2]);
    expect(await readAll(openValueStream(new Set(['x'])))).to.deep.equal(['x']);
  });

  it('reads an Observable that emits synchronously inside subscribe, and one that emits later', async () => {
    const synchronous = new TestObservable((observer) => {
      observer.next(1);
      observer.next(2);
      observer.complete();
      return undefined;
    });
    expect(await readAll(openValueStream(synchronous))).to.deep.equal([1, 2]);
    expect(synchronous.unsubscriptions).to.equal(1);

    const later = new TestObservable((observer) => {
      const timer = setTimeout(() => {
        observer.next('late');
        observer.complete();
      }, 5);
      return () => clearTimeout(timer);
    });
    expect(await readAll(openValueStream(later))).to.deep.equal(['late']);
  });

  it('subscribes an Observable only when the first value is asked for', async () => {
    const observable = new TestObservable((observer) => {
      observer.next(1);
      return undefined;
    });
    const values = openValueStream(observable);
    expect(observable.subscriptions).to.equal(0);
    expect(await values.next()).to.deep.equal({ done: false, value: 1 });
    expect(observable.subscriptions).to.equal(1);
    await values.return();
    expect(observable.unsubscriptions).to.equal(1);
  });

  it('delivers the values an Observable emitted before failing, then its error', async () => {
    const failing = new TestObservable((observer) => {
      observer.next('kept');
      observer.error(new Error('boom'));
      return undefined;
    });
    const values = openValueStream(failing);
    expect(await values.next()).to.deep.equal({ done: false, value: 'kept' });
    let caught: unknown;
    try {
      await values.next();
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).to.equal('boom');
    expect(await values.next()).to.deep.equal({ done: true, value: undefined });
  });

  it("return() runs a generator's finally, and unsubscribes an Observable that is waiting for its next value", async () => {
    let cleaned = false;
    async function* forever() {
      try {
        for (;;) yield 'tick';
      } finally {
        cleaned = true;
      }
    }
    const ticks = openValueStream(forever());
    await ticks.next();
    await ticks.return();
    expect(cleaned).to.equal(true);
    expect(await ticks.next()).to.deep.equal({ done: true, value: undefined });

    const silent = new TestObservable(() => undefined);
    const waiting = openValueStream(silent);
    const pending = waiting.next();
    await waiting.return();
    expect(await pending).to.deep.equal({ done: true, value: undefined });
    expect(silent.unsubscriptions).to.equal(1);
  });

  it('reads Symbol.observable interop objects, and accepts a teardown function as the subscription', async () => {
    const interop = {
      '@@observable': () => ({
        subscribe(observer: { next(value: unknown): void; complete(): void }) {
          observer.next('interop');
          observer.complete();
          return () => {};
        },
      }),
    };
    expect(isObservable(interop)).to.equal(true);
    expect(await readAll(openValueStream(interop))).to.deep.equal(['interop']);
  });

  it('refuses strings, plain objects, null and numbers: none of them is a sequence of values', () => {
    for (const value of ['text', { a: 1 }, null, 42]) {
      expect(isValueSource(value), String(value)).to.equal(false);
      expect(() => openValueStream(value)).to.throw(
        TypeError,
        'Expected an async iterable, an iterable or an Observable',
      );
    }
  });
});
