// The compiled @Returns serializer against JSON.stringify of the shaped value: the same text, or both throw.
import { createJsonSerializer } from '@corbel/core';
import { transformerStorage } from '@corbel/core/dist/metadata/transformer-storage';
import { compileSerializer } from '@corbel/core/dist/serialization/compile-serializer';
import { planReturns, type ShapePlan } from '@corbel/core/dist/serialization/shape-plan';
import { shapeValue } from '@corbel/core/dist/serialization/shape-value';
import { expect } from 'chai';
import { Exclude, Expose, Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';

// ---- the DTOs: every kind the compiled code specialises, and the ones it hands to JSON.stringify ----

class PointDto {
  @IsNumber()
  x!: number;

  @IsNumber()
  y!: number;
}

class TreeDto {
  @IsString()
  label!: string;

  @ValidateNested({ each: true })
  @Type(() => TreeDto)
  children!: TreeDto[];
}

class BaseDto {
  @IsInt()
  id!: number;
}

class EverythingDto extends BaseDto {
  @IsString()
  name!: string;

  @IsNumber()
  score!: number;

  @IsBoolean()
  active!: boolean;

  @IsOptional()
  @IsDate()
  at?: Date;

  @ValidateNested()
  @Type(() => PointDto)
  point!: PointDto;

  @ValidateNested({ each: true })
  @Type(() => PointDto)
  path!: PointDto[];

  @ValidateNested()
  @Type(() => TreeDto)
  tree!: TreeDto;

  /** Typed Object: written by JSON.stringify, whatever it holds. */
  @IsOptional()
  meta?: Record<string, unknown>;

  @IsString({ each: true })
  tags!: string[];

  /** Renamed, and to integer-like keys, which a plain object enumerates first. */
  @Expose({ name: 'full_name' })
  @IsString()
  fullName!: string;

  @Expose({ name: '10' })
  @IsString()
  ten!: string;

  @Expose({ name: '2' })
  @IsString()
  two!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  shout!: string;

  @Expose()
  get summary(): string {
    return `${String((this as unknown as { name: unknown }).name)}:${String((this as unknown as { id: unknown }).id)}`;
  }

  @Expose()
  initials(): unknown {
    const name = (this as unknown as { name: unknown }).name;
    return typeof name === 'string' ? name.slice(0, 1) : null;
  }
}

/** An entity found inside an untyped property: its own class-transformer rules apply there. */
class SecretEntity {
  shown: unknown = 'shown';

  @Exclude()
  secret: unknown = 'secret';
}

// ---- values: everything JSON.stringify treats specially ----

/** Any UTF-16 code unit, so lone surrogates, valid pairs, controls, quotes and backslashes all turn up. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: anyCodeUnit, maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028\u2029', '\ud800', '\udfff', 'a\ud83d\ude00b'),
  fc.string({ unit: anyCodeUnit, minLength: 16, maxLength: 60 }),
);
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 0, 1e21, 1e-7, 2 ** 53, -(2 ** 53) - 2, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 123456789.12345679),
);
const date = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.constant(new Date(Number.NaN)),
  fc.date().map((value) => Object.assign(value, { toJSON: () => 'own toJSON' })),
  fc.date().map((value) => {
    class LocalDate extends Date {
      override toISOString() {
        return `local "${this.getUTCFullYear()}"`;
      }
    }
    return new LocalDate(value.getTime());
  }),
);
/** Objects whose toJSON answers (and may read the key it is called with). */
const withToJson = fc.oneof(
  fc.constant({ toJSON: (key: string) => `key:${key}` }),
  fc.constant({ toJSON: () => undefined }),
  fc.constant({ toJSON: () => ({ nested: [1, undefined, () => 1] }) }),
);
const scalar = fc.oneof(
  { arbitrary: text, weight: 4 },
  { arbitrary: number, weight: 4 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined), weight: 2 },
  { arbitrary: date, weight: 1 },
  { arbitrary: withToJson, weight: 1 },
  // Boxed primitives: JSON unboxes them.
  { arbitrary: fc.constantFrom(new String('boxed'), new Number(-0), new Boolean(false)), weight: 1 },
  // JSON drops these as properties and writes null in arrays.
  { arbitrary: fc.constantFrom(Symbol('s'), () => 'called'), weight: 1 },
);
const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((self) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalar, weight: 6 },
    { arbitrary: fc.array(self('value'), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 3 }), self('value'), { maxKeys: 3 }), weight: 1 },
  ),
})).value;

/** A field: usually well typed, sometimes anything, sometimes missing (the record leaves it out). */
function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: junk, weight: 2 });
}

const point = fc.record({ x: field(number), y: field(number), z: field(number) }, { requiredKeys: [] });
const tree = fc.letrec<{ node: unknown }>((self) => ({
  node: fc.record(
    { label: field(text), children: field(fc.array(self('node'), { maxLength: 3 })) },
    { requiredKeys: [] },
  ),
})).node;

const everything = fc
  .record(
    {
      id: field(fc.integer()),
      name: field(text),
      score: field(number),
      active: field(fc.boolean()),
      at: field(date),
      point: field(fc.oneof(point, fc.array(point, { maxLength: 2 }))),
      path: field(
        fc.array(fc.oneof({ arbitrary: point, weight: 4 }, { arbitrary: junk, weight: 1 }), { maxLength: 4 }),
      ),
      tree: field(tree),
      meta: field(junk),
      tags: field(fc.array(fc.oneof(text, junk), { maxLength: 4 })),
      fullName: field(text),
      ten: field(text),
      two: field(text),
      shout: field(text),
      summary: field(text),
      password: field(text),
      '3': field(text),
    },
    { requiredKeys: [] },
  )
  .chain((record) => {
    // The same data as a plain object, as an instance of the DTO (whose getter cannot be assigned), and as an
    // object with another prototype.
    const { summary: _getter, ...assignable } = record;
    return fc.constantFrom(
      record,
      Object.assign(new EverythingDto(), assignable),
      Object.assign(Object.create({ inherited: 'not own' }) as object, record),
    );
  });

function outcome(run: () => string | undefined): { text?: string; threw?: string } {
  try {
    return { text: run() };
  } catch (error) {
    return { threw: error instanceof Error ? error.constructor.name : typeof error };
  }
}

function differential(
  plan: ShapePlan,
  values: fc.Arbitrary<unknown>,
  numRuns: number,
  write: (value: unknown) => string | undefined = JSON.stringify,
): void {
  const compiled = compileSerializer(plan, write);
  fc.assert(
    fc.property(values, (value) => {
      const expected = outcome(() => write(shapeValue(value, plan)));
      expect(outcome(() => compiled(value))).to.deep.equal(expected);
    }),
    { numRuns },
  );
}

function planOf(type: unknown): ShapePlan {
  if (!transformerStorage) throw new Error("class-transformer's storage could not be read");
  return planReturns(transformerStorage, type, {}, 'the differential test').plan;
}

describe('compiled @Returns serializer = JSON.stringify(shapeValue(value))', () => {
  it('for a DTO of every kind, over unicode, lone surrogates, -0, NaN, huge numbers, dates, toJSON, missing keys', () => {
    differential(planOf(EverythingDto), everything, 1500);
  });

  it('for arrays of it, and for values that are not objects', () => {
    differential(planOf([EverythingDto]), fc.oneof(fc.array(everything, { maxLength: 3 }), junk), 500);
  });

  it('for a recursive DTO (a tree of nested arrays)', () => {
    differential(planOf(TreeDto), tree, 500);
  });

  it("with the app's serializer: entities inside untyped properties follow their own rules, as in the shaped value", () => {
    const entity = fc
      .record({ shown: junk, secret: junk }, { requiredKeys: [] })
      .map((fields) => Object.assign(new SecretEntity(), fields));
    const withEntities = everything.map((value) => value as Record<string, unknown>);
    const values = fc.tuple(withEntities, entity, fc.array(entity, { maxLength: 2 })).map(([value, one, many]) => {
      const target = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
      return Object.assign(target, value, { meta: { one, many }, tags: many, score: one });
    });
    differential(planOf(EverythingDto), values, 500, createJsonSerializer());
  });

  it('writes integer-like keys first, as a plain object enumerates them', () => {
    const compiled = compileSerializer(planOf(EverythingDto));
    expect(compiled({ ten: 'x', two: 'y', id: 1 })).to.equal(
      '{"2":"y","10":"x","id":1,"summary":"undefined:1","initials":null}',
    );
  });

  it('throws where JSON.stringify throws (a BigInt)', () => {
    const compiled = compileSerializer(planOf(EverythingDto));
    expect(() => compiled({ score: 1n })).to.throw(TypeError);
    expect(() => compiled({ tags: [1n] })).to.throw(TypeError);
  });
});
