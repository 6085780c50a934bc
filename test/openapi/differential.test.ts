// Differential: for random bodies, ajv on the generated schema and Corbel's own validation accept and reject alike.
import { Body, Controller, createApp, Post, type ValidationSettings } from '@corbel/core';
import { buildOpenApiDocument } from '@corbel/openapi';
import { expect } from 'chai';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import fc from 'fast-check';
import { schemaValidator } from './support/validators';

enum Size {
  Small = 's',
  Large = 'l',
}

enum Priority {
  Low = 1,
  High = 2,
}

class ProfileDto {
  @IsString() @Length(2, 6) name!: string;
  @IsInt() @Min(0) @Max(120) age!: number;
  @IsOptional() @IsBoolean() active?: boolean;
  @IsIn(['admin', 'user']) role!: string;
  @IsEnum(Size) size!: Size;
  @IsOptional() @IsEnum(Priority) priority?: Priority;
  @Matches(/^[a-z]{1,4}$/) slug!: string;
  @IsNumber() @IsPositive() score!: number;
  @IsOptional() @IsNotEmpty() @MaxLength(3) note?: string;
  @Equals('v1') version!: string;
}

class LineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class AddressDto {
  @IsString() city!: string;
  @IsOptional() @Matches(/^\d{2}$/) zip?: string;
}

class OrderDto {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
  // @IsObject: without it class-validator also takes an array of the nested objects where one is declared (the
  // document shows the declared shape and says so); with it, both sides refuse arrays there.
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
  @IsString({ each: true }) labels!: string | string[];
  @IsOptional() @IsArray() @IsInt({ each: true }) codes?: number[];
  @IsInt() copies = 1;
}

function appWith(validation: ValidationSettings) {
  @Controller()
  class DtoController {
    @Post('/profile')
    profile(@Body() _profile: ProfileDto) {
      return { ok: true };
    }

    @Post('/order')
    order(@Body() _order: OrderDto) {
      return { ok: true };
    }
  }
  return createApp({ logger: false, controllers: [DtoController], validation });
}

// Strings from a small alphabet: class-validator counts U+FE0F variation selectors out of a length, JSON Schema
// does not (the document says so); everything else about lengths and patterns is compared here.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'z', 'A', '1', '-', ' '), maxLength: 8 });
const scalar = fc.oneof(
  text,
  fc.integer({ min: -5, max: 130 }),
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const junk = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(text, scalar, { maxKeys: 2 }), weight: 1 },
);

/** A field: its valid values, and values just outside them (one past a bound, a near-miss of a pattern or enum). */
interface Field {
  readonly valid: fc.Arbitrary<unknown>;
  readonly near?: readonly unknown[];
  /** A nested DTO's own wrong values. */
  readonly wrong?: fc.Arbitrary<unknown>;
}

interface Generated {
  /** Valid objects only. */
  readonly valid: fc.Arbitrary<unknown>;
  /** Valid, slightly off and plainly wrong ones. */
  readonly any: fc.Arbitrary<unknown>;
}

/** What a field may hold instead of a valid value: a near miss, junk, or nothing (undefined is dropped by JSON). */
function offOf(field: Field): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [junk, fc.constant(undefined)];
  if (field.near && field.near.length > 0) choices.push(fc.constantFrom(...field.near), fc.constantFrom(...field.near));
  if (field.wrong) choices.push(field.wrong, field.wrong);
  return fc.oneof(...choices);
}

/**
 * Objects of those fields: a third valid in every field (so acceptance is exercised as much as refusal), a third
 * with exactly one field off (the sharpest test of one constraint), a third with any field off; now and then with a
 * property the DTO does not declare, now and then not an object at all.
 */
function objectOf(fields: Record<string, Field>): Generated {
  const keys = Object.keys(fields);
  const record = (pick: (field: Field) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(keys.map((key) => [key, pick(fields[key])])), { requiredKeys: keys });
  const valid = record((field) => field.valid);
  const oneOff = fc
    .constantFrom(...keys)
    .chain((key) => fc.tuple(valid, fc.constant(key), offOf(fields[key])))
    .map(([value, key, replacement]) => ({ ...value, [key]: replacement }));
  const mixed = record((field) => fc.oneof(field.valid, offOf(field)));
  const extra = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 },
    { arbitrary: fc.tuple(fc.constantFrom('extra', 'name2'), scalar), weight: 1 },
  );
  const object = fc
    .tuple(fc.oneof(valid, oneOff, mixed), extra)
    .map(([value, added]) => (added ? { ...value, [added[0]]: added[1] } : value));
  return { valid, any: fc.oneof({ arbitrary: object, weight: 12 }, { arbitrary: junk, weight: 1 }) };
}

const profiles = objectOf({
  name: {
    valid: fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 2, maxLength: 6 }),
    near: ['a', 'abcdefg', 5],
  },
  age: { valid: fc.integer({ min: 0, max: 120 }), near: [-1, 121, 1.5, '3'] },
  active: { valid: fc.constantFrom(true, false, null, undefined), near: ['true', 1, 0] },
  role: { valid: fc.constantFrom('admin', 'user'), near: ['Admin', 'guest', ''] },
  size: { valid: fc.constantFrom('s', 'l'), near: ['S', 'm', 'Small'] },
  priority: { valid: fc.constantFrom(1, 2, 'Low', 'High', null, undefined), near: [0, 3, 'Medium', '1'] },
  slug: { valid: fc.constantFrom('ab', 'abcd', 'z'), near: ['abcde', 'a1', 'Ab', ''] },
  score: { valid: fc.double({ min: 0.001, max: 100, noNaN: true }), near: [0, -1, -0.5, '1'] },
  note: { valid: fc.constantFrom('x', 'xyz', null, undefined), near: ['', 'wxyz', 4] },
  version: { valid: fc.constant('v1'), near: ['v2', 'V1', ''] },
});

const line = objectOf({
  sku: { valid: text, near: [1] },
  quantity: { valid: fc.integer({ min: 1, max: 3 }), near: [0, 1.5, '2'] },
});
const address = objectOf({
  city: { valid: text, near: [3, null] },
  zip: { valid: fc.constantFrom('12', '99', null, undefined), near: ['1', '123', 12, 'ab'] },
});
const orders = objectOf({
  address: { valid: address.valid, wrong: address.any, near: [[], 'x'] },
  lines: {
    valid: fc.array(line.valid, { minLength: 1, maxLength: 2 }),
    wrong: fc.oneof(fc.array(line.any, { maxLength: 2 }), fc.array(line.valid, { minLength: 3, maxLength: 3 })),
    // [[]]: an array where an object is declared, which @IsObject({ each: true }) makes class-validator refuse.
    near: [[], [[]], 'x'],
  },
  labels: { valid: fc.oneof(text, fc.array(text, { maxLength: 2 })), near: [3, [3], ['a', 1]] },
  codes: { valid: fc.option(fc.array(fc.integer(), { maxLength: 2 }), { nil: undefined }), near: [[1.5], ['1'], 'x'] },
  copies: { valid: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), near: [1.5, '1', null] },
});

const SETTINGS: readonly [string, ValidationSettings][] = [
  ['the defaults (unknown properties stripped)', {}],
  ['forbidNonWhitelisted (unknown properties refused)', { forbidNonWhitelisted: true }],
];

describe('differential: ajv on the generated schemas against Corbel validation', () => {
  for (const [label, validation] of SETTINGS) {
    describe(label, () => {
      const app = appWith(validation);
      const { components } = buildOpenApiDocument(app, { info: { title: 'Differential', version: '1' } });

      for (const [path, schemaName, bodies] of [
        ['/profile', 'ProfileDto', profiles.any],
        ['/order', 'OrderDto', orders.any],
      ] as const) {
        it(`${schemaName}: a body is accepted by the schema exactly when POST ${path} accepts it`, async function () {
          this.timeout(30_000);
          const validate = schemaValidator(components.schemas, { $ref: `#/components/schemas/${schemaName}` });
          let accepted = 0;
          await fc.assert(
            fc.asyncProperty(bodies, async (body) => {
              const payload = JSON.stringify(body) ?? 'null';
              const response = await app.inject({
                method: 'POST',
                url: path,
                headers: { 'content-type': 'application/json' },
                payload,
              });
              expect([201, 422], response.body).to.include(response.statusCode);
              const byCorbel = response.statusCode === 201;
              if (byCorbel) accepted++;
              expect(validate(JSON.parse(payload)), `${payload} → ${response.body}`).to.equal(byCorbel);
            }),
            { numRuns: 300 },
          );
          // A generator that never produced a valid body would agree trivially.
          expect(accepted).to.be.greaterThan(40);
        });
      }
    });
  }
});
