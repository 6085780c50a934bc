// The planned instanceToPlain against class-transformer's own: the same plain object, key for key, in the same order.
import 'reflect-metadata';
import type { SerializationOptions } from '@corbel/core';
import { transformerStorage } from '@corbel/core/dist/metadata/transformer-storage';
import { InstanceConverter } from '@corbel/core/dist/serialization/instance-converter';
import { expect } from 'chai';
import { type ClassTransformOptions, Exclude, Expose, instanceToPlain, Transform, Type } from 'class-transformer';
import fc from 'fast-check';

// ---- classes using every class-transformer feature the plans reproduce ----

class Address {
  street = '';

  @Exclude()
  doorCode = '';

  @Expose({ groups: ['admin'] })
  notes = '';
}

class Base {
  id: unknown = 0;

  @Exclude({ toPlainOnly: true })
  hash: unknown = '';

  @Expose({ since: 2, until: 4 })
  legacy: unknown = '';
}

class Account extends Base {
  name: unknown = '';

  @Exclude()
  password: unknown = '';

  @Exclude({ toClassOnly: true })
  visibleOnOutput: unknown = '';

  @Expose({ name: 'e-mail', groups: ['admin', 'self'] })
  email: unknown = '';

  @Expose({ groups: ['admin'], since: 3 })
  audit: unknown = '';

  @Type(() => Address)
  address: unknown = undefined;

  @Type(() => Address)
  previous: unknown = undefined;

  @Type(() => String)
  code: unknown = 0;

  @Type(() => Date)
  since: unknown = undefined;

  @Transform(({ value }) => (typeof value === 'number' ? value * 100 : value), { toPlainOnly: true })
  @Transform(({ value, key }) => (typeof value === 'number' ? `${key}=${value}` : value), { groups: ['admin'] })
  cents: unknown = 0;

  @Transform(({ obj }) => (obj as { name?: unknown }).name)
  alias: unknown = '';

  _private: unknown = '';

  @Expose()
  get label(): string {
    return `#${String(this.id)}`;
  }

  @Expose({ groups: ['self'] })
  greeting(): string {
    return `hi ${String(this.name)}`;
  }
}

/** Class-level @Exclude(): only @Expose()d keys. */
@Exclude()
class Token {
  @Expose()
  id: unknown = '';

  secret: unknown = '';

  @Expose({ name: 'owner' })
  @Type(() => Account)
  account: unknown = undefined;
}

/** Only @Exclude()s: answered by one compiled copy while its values are primitives and dates. */
class Session {
  user: unknown = 'ada';
  startedAt: unknown = new Date(0);

  @Exclude()
  token: unknown = 't';

  @Exclude({ toClassOnly: true })
  visible: unknown = 'v';
}

/** No metadata of its own, but it holds decorated instances. */
class Envelope {
  items: unknown = [];
  total: unknown = 0;
}

// ---- values ----

const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 500 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom(null, undefined, -0, '10', 'abc'),
  fc.date({ noInvalidDate: false }),
  fc.constant(Buffer.from('hi')),
);
const plain: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((self) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.array(self('value'), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.constantFrom('a', '_b', 'c'), self('value'), { maxKeys: 3 }), weight: 1 },
    { arbitrary: self('value').map((value) => new Set([value])), weight: 1 },
    // An own function property: class-transformer calls it and sends what it returns.
    { arbitrary: self('value').map((value) => ({ computed: () => value })), weight: 1 },
  ),
})).value;

function instance<T extends object>(cls: new () => T, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<T> {
  return fc.record(fields, { requiredKeys: [] }).map((values) => {
    const made = new cls() as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) {
      // Sometimes the key is removed altogether, to leave an @Expose()d key the instance does not have.
      if (value === REMOVE) delete made[key];
      // An own "__proto__" key (as JSON.parse makes one), not a new prototype.
      else if (key === '__proto__') Object.defineProperty(made, key, { value, enumerable: true, configurable: true });
      else made[key] = value;
    }
    return made as T;
  });
}

const REMOVE = Symbol('remove');
function fieldOf(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: plain, weight: 2 },
    { arbitrary: fc.constant(REMOVE), weight: 1 },
  );
}

const address = instance(Address, {
  street: fieldOf(fc.string()),
  doorCode: fieldOf(fc.string()),
  notes: fieldOf(fc.string()),
});
const account = instance(Account, {
  id: fieldOf(fc.integer()),
  hash: fieldOf(fc.string()),
  legacy: fieldOf(fc.string()),
  name: fieldOf(fc.string()),
  password: fieldOf(fc.string()),
  visibleOnOutput: fieldOf(fc.string()),
  email: fieldOf(fc.string()),
  audit: fieldOf(fc.string()),
  // A plain object where @Type says Address: class-transformer applies Address's rules to it.
  address: fieldOf(fc.oneof(address, fc.record({ street: fc.string(), doorCode: fc.string() }))),
  previous: fieldOf(fc.array(address, { maxLength: 2 })),
  code: fieldOf(fc.oneof(fc.integer(), fc.array(fc.integer(), { maxLength: 2 }))),
  since: fieldOf(fc.oneof(fc.date(), fc.constantFrom('2020-01-01', 0, 'not a date'))),
  cents: fieldOf(fc.integer()),
  alias: fieldOf(fc.string()),
  _private: fieldOf(fc.string()),
  extra: fieldOf(plain),
});
const token = instance(Token, {
  id: fieldOf(fc.string()),
  secret: fieldOf(fc.string()),
  account: fieldOf(account),
});
const session = instance(Session, {
  user: fieldOf(fc.oneof(fc.string(), fc.integer())),
  startedAt: fieldOf(fc.oneof(fc.date({ noInvalidDate: false }), fc.constant(undefined))),
  token: fieldOf(fc.string()),
  visible: fieldOf(fc.string()),
  // An own key named constructor, and an own function: the copy hands both to the full conversion.
  constructor: fc.oneof(
    fc.constant(REMOVE),
    fc.constant(REMOVE),
    fc.string(),
    fc.constant(() => 'called'),
  ),
  ['__proto__']: fc.oneof(fc.constant(REMOVE), fc.constant(REMOVE), fc.string()),
  extra: fieldOf(leaf),
});
const envelope = instance(Envelope, {
  items: fieldOf(fc.array(fc.oneof(account, token, session, plain), { maxLength: 3 })),
  total: fieldOf(fc.integer()),
});

const options: fc.Arbitrary<SerializationOptions> = fc.record(
  {
    groups: fc.subarray(['admin', 'self', 'other']),
    strategy: fc.constantFrom('exposeAll', 'excludeAll'),
    excludeExtraneousValues: fc.boolean(),
    exposeUnsetFields: fc.boolean(),
    version: fc.integer({ min: 0, max: 5 }),
    excludePrefixes: fc.subarray(['_', 'pre', 'ali']),
  },
  { requiredKeys: [] },
);

/** A value's full shape: prototypes by identity, own keys in order, undefined distinct from absent. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return { array: value.map(shapeOf) };
  if (value instanceof Date) return { date: value.getTime() };
  if (Buffer.isBuffer(value)) return { buffer: [...value] };
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return {
      prototype: Object.getPrototypeOf(value),
      entries: Object.keys(record).map((key) => [key, shapeOf(record[key])]),
    };
  }
  return { type: typeof value, value: Number.isNaN(value) ? 'NaN' : value };
}

function outcome(run: () => unknown): unknown {
  try {
    return { shape: shapeOf(run()) };
  } catch (error) {
    return { threw: error instanceof Error ? error.constructor.name : typeof error };
  }
}

describe('planned instanceToPlain = class-transformer instanceToPlain', () => {
  if (!transformerStorage) throw new Error("class-transformer's storage could not be read");
  const storage = transformerStorage;

  it('for decorated classes, inheritance, nested and undecorated instances, Sets, dates and options', () => {
    fc.assert(
      fc.property(options, fc.oneof(account, token, envelope, address, session, session), (settings, value) => {
        const converter = new InstanceConverter(storage, settings);
        const expected = outcome(() => instanceToPlain(value, settings as ClassTransformOptions));
        expect(outcome(() => converter.toPlain(value))).to.deep.equal(expected);
        // The cached plans answer a second conversion the same way.
        expect(outcome(() => converter.toPlain(value))).to.deep.equal(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('hands what it does not plan (a Map) to class-transformer itself', () => {
    const holder = new Envelope();
    holder.items = new Map([['a', new Account()]]);
    const converter = new InstanceConverter(storage, {});
    expect(converter.toPlain(holder)).to.deep.equal(instanceToPlain(holder));
  });
});
