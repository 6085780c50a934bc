// The compiled DTO check against class-transformer + class-validator: same instances, same entries, same order.

import { Body, Controller, createApp, type ParameterLocation, Post, type ValidationErrorEntry } from '@corbel/core';
import { BAILED } from '@corbel/core/dist/validation/compiled-bail-out';
import { compileDtoCheck } from '@corbel/core/dist/validation/compiled-dto-check';
import { type DtoCheck, DtoValidator } from '@corbel/core/dist/validation/dto-validator';
import { resolveValidatorOptions, type ValidationSettings } from '@corbel/core/dist/validation/validation-options';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  AddressDto,
  CustomConstraintDto,
  DefaultsDto,
  DerivedDto,
  EveryConstraintDto,
  GroupsDto,
  ItemDto,
  MessagesDto,
  NestedDto,
  ParentOfUuidDto,
  SearchDto,
  TransformedDto,
  UuidDto,
} from './differential-dtos';

type Dto = abstract new (...args: never[]) => object;

/** A value's full shape: prototypes by identity, own keys in order, undefined distinct from absent. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    return { prototype: Object.getPrototypeOf(value), items: value.map(shapeOf), keys: Object.keys(value).length };
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return {
      prototype: Object.getPrototypeOf(value),
      entries: Object.keys(record).map((key) => [key, shapeOf(record[key])]),
    };
  }
  return { type: typeof value, value };
}

async function run(check: DtoCheck, input: unknown) {
  const errors: ValidationErrorEntry[] = [];
  let value: unknown;
  let thrown: unknown;
  try {
    value = await check(input, errors);
  } catch (failure) {
    thrown = failure;
  }
  return { errors, shape: shapeOf(value), thrown: thrown === undefined ? undefined : String(thrown) };
}

// ---- input generators: JSON-shaped values, valid and invalid ----

const scalar = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer({ min: -5, max: 200 }),
  fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', 'ada@example.com', 'Ada <ada@example.com>', 'a@b', '12345', '1.5', '0', 'true', 'x-1'),
);
const junk = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  { arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), scalar, { maxKeys: 3 }), weight: 1 },
);
const oddKeys = fc.constantFrom(
  'extra',
  'isAdmin',
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  '12',
  'internal',
);

function sometimes<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: 6 },
    { arbitrary: junk, weight: 2 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

/** Objects with any subset of `fields` in any order, plus odd keys, built from JSON text (so "__proto__" is own). */
function objectOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const known = Object.entries(fields).map(([key, value]) => fc.tuple(fc.constant(key), value));
  const odd = fc.tuple(fc.oneof(oddKeys, fc.string({ maxLength: 4 })), junk);
  const entry = fc.oneof({ arbitrary: fc.oneof(...known), weight: 6 }, { arbitrary: odd, weight: 1 });
  return fc
    .array(entry, { maxLength: known.length + 3 })
    .map((entries) =>
      JSON.parse(`{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`),
    );
}

const address = objectOf({ zip: sometimes(fc.constantFrom('12345', '1234', 'abcde')), street: sometimes(fc.string()) });
const item = objectOf({
  name: sometimes(fc.string({ maxLength: 5 })),
  quantity: sometimes(fc.integer({ min: -1, max: 3 })),
});
const tree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((self) => ({
  node: objectOf({
    label: sometimes(fc.string({ maxLength: 3 })),
    children: sometimes(fc.array(self('node'), { maxLength: 2 })),
  }),
})).node;

const everyConstraint = objectOf({
  name: sometimes(fc.string({ maxLength: 10 })),
  email: sometimes(fc.constantFrom('ada@example.com', 'Ada <ada@example.com>', 'bad', 'a@b.c', '')),
  age: sometimes(fc.oneof(fc.integer({ min: -3, max: 160 }), fc.constant(1.5))),
  price: sometimes(fc.constantFrom(1.25, 1.255, 3, -2, 0)),
  debt: sometimes(fc.integer({ min: -3, max: 3 })),
  active: sometimes(fc.boolean()),
  colour: sometimes(fc.constantFrom('red', 'green', 3, 'blue')),
  login: sometimes(fc.constantFrom('root', 'ada')),
  role: sometimes(fc.constantFrom('admin', 'user', 'x')),
  level: sometimes(fc.constantFrom(1, 2, 3, '1')),
  consent: sometimes(fc.constantFrom('yes', 'no')),
  divisor: sometimes(fc.constantFrom(0, 1, '0')),
  honeypot: sometimes(fc.constantFrom('', 'x', null)),
  code: sometimes(fc.string({ maxLength: 6 })),
  slug: sometimes(fc.constantFrom('abc-12', 'ABC-1', 'x')),
  tags: sometimes(fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 4 })),
  scores: sometimes(fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 })),
  meta: sometimes(fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 })),
  '7': sometimes(fc.string({ maxLength: 3 })),
});

const messages = objectOf({
  title: sometimes(fc.string({ maxLength: 6 })),
  count: sometimes(fc.integer({ min: 0, max: 30 })),
  pick: sometimes(fc.constantFrom('a', 'b', 'c')),
});

const nested = objectOf({
  address: sometimes(address),
  billing: sometimes(address),
  items: sometimes(
    fc.array(fc.oneof({ arbitrary: item, weight: 4 }, { arbitrary: scalar, weight: 1 }), { maxLength: 5 }),
  ),
  loose: sometimes(fc.dictionary(fc.oneof(fc.constantFrom('a', 'b'), oddKeys), junk, { maxKeys: 3 })),
  tree: sometimes(tree),
});

const defaults = objectOf({
  tags: sometimes(fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })),
  role: sometimes(fc.constantFrom('user', 'admin', 'guest')),
  nickname: sometimes(fc.string({ maxLength: 3 })),
  note: junk,
  secret: sometimes(fc.constantFrom('abc', 'abcd')),
  internal: junk,
});

const derived = objectOf({
  id: sometimes(fc.constantFrom('a', 'abcd')),
  version: sometimes(fc.integer()),
  flag: sometimes(fc.boolean()),
});

const groups = objectOf({
  name: sometimes(fc.string({ maxLength: 3 })),
  count: sometimes(fc.integer({ min: -2, max: 2 })),
  email: sometimes(fc.constantFrom('ada@example.com', 'nope')),
});

/** What fast-querystring hands over: a null-prototype record of strings, repeated keys as arrays. */
const queryValue = fc.oneof(
  fc.constantFrom('1', '2', '0', '-3', '1.5', '101', 'abc', '', 'true', 'false', '1e2', ' 7 ', 'asc', 'desc'),
  fc.string({ maxLength: 4 }),
);
const search = fc
  .array(
    fc.tuple(
      fc.oneof(
        { arbitrary: fc.constantFrom('page', 'ratio', 'exact', 'q', 'tag', 'order'), weight: 12 },
        { arbitrary: fc.constantFrom('utm', '__proto__', 'constructor'), weight: 1 },
      ),
      fc.oneof(
        { arbitrary: queryValue, weight: 4 },
        { arbitrary: fc.array(queryValue, { minLength: 2, maxLength: 3 }), weight: 1 },
      ),
    ),
    { maxLength: 6 },
  )
  .map((entries) => {
    const record = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of entries) record[key] = value;
    return record;
  });

// ---- the cases ----

interface Case {
  readonly dto: Dto;
  readonly location: ParameterLocation;
  readonly settings: ValidationSettings;
  readonly inputs: fc.Arbitrary<unknown>;
  readonly loc?: (string | number)[];
}

const OPTION_SETS: readonly ValidationSettings[] = [
  {},
  { forbidNonWhitelisted: true },
  { whitelist: false },
  { stopAtFirstError: true },
  { skipMissingProperties: true },
  { skipNullProperties: true, skipUndefinedProperties: true },
  { dismissDefaultMessages: true },
  { forbidUnknownValues: false },
];

const CASES: readonly Case[] = [
  ...OPTION_SETS.map((settings) => ({
    dto: EveryConstraintDto,
    location: 'body' as const,
    settings,
    inputs: everyConstraint,
  })),
  { dto: EveryConstraintDto, location: 'body', settings: {}, inputs: everyConstraint, loc: ['user'] },
  ...[{}, { dismissDefaultMessages: true }, { stopAtFirstError: true }].map((settings) => ({
    dto: MessagesDto,
    location: 'body' as const,
    settings,
    inputs: messages,
  })),
  ...OPTION_SETS.map((settings) => ({ dto: NestedDto, location: 'body' as const, settings, inputs: nested })),
  ...[{}, { forbidNonWhitelisted: true }, { whitelist: false }].map((settings) => ({
    dto: DefaultsDto,
    location: 'body' as const,
    settings,
    inputs: defaults,
  })),
  { dto: DerivedDto, location: 'body', settings: {}, inputs: derived },
  ...[
    { groups: ['create'] },
    { groups: ['update'] },
    { always: true },
    { strictGroups: true },
    { groups: ['update'], strictGroups: true },
  ].map((settings) => ({ dto: GroupsDto, location: 'body' as const, settings, inputs: groups })),
  ...(['query', 'path', 'header', 'cookie'] as const).map((location) => ({
    dto: SearchDto,
    location,
    settings: {},
    inputs: search,
  })),
  { dto: SearchDto, location: 'query', settings: { forbidNonWhitelisted: true }, inputs: search },
];

function label(testCase: Case): string {
  const options = JSON.stringify(testCase.settings);
  return `${testCase.dto.name} in ${testCase.location}${testCase.loc ? ` at ${testCase.loc}` : ''} with ${options}`;
}

function checksFor(testCase: Case, dto: Dto | readonly [Dto] = testCase.dto) {
  const loc = testCase.loc ?? [];
  const target = dto as Parameters<DtoValidator['compile']>[0];
  return {
    compiled: new DtoValidator(testCase.settings).compile(target, testCase.location, loc),
    reference: new DtoValidator(testCase.settings, { compiled: false }).compile(target, testCase.location, loc),
  };
}

function rawCheckFor(testCase: Case) {
  return compileDtoCheck(
    testCase.dto,
    testCase.location,
    resolveValidatorOptions(testCase.settings),
    testCase.settings.transform ?? {},
  );
}

describe('compiled DTO check: differential against class-transformer + class-validator', () => {
  for (const testCase of CASES) {
    it(`gives the same instance and entries for ${label(testCase)}`, async () => {
      const raw = rawCheckFor(testCase);
      expect(raw, 'the compiled check accepts this DTO').to.be.a('function');
      const { compiled, reference } = checksFor(testCase);
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: testCase.inputs, weight: 9 }, { arbitrary: junk, weight: 1 }),
          async (input) => {
            const expected = await run(reference, input);
            expect(await run(compiled, input)).to.deep.equal(expected);
            // The compiled check alone (no fallback): when it answers, it answers the same.
            if (input !== null && typeof input === 'object' && !Array.isArray(input) && raw) {
              const errors: ValidationErrorEntry[] = [];
              let result: unknown;
              let thrown: unknown;
              try {
                result = raw(input, testCase.loc ?? [], errors);
              } catch (failure) {
                thrown = String(failure);
              }
              if (result !== BAILED) {
                answered++;
                expect({ errors, shape: shapeOf(result), thrown }).to.deep.equal(expected);
              } else {
                expect(errors, 'a bail-out leaves no entries behind').to.deep.equal([]);
              }
            }
          },
        ),
        { numRuns: 250 },
      );
      expect(answered, 'most inputs are answered by the compiled check itself').to.be.greaterThan(100);
    });
  }

  it('gives the same results for an array of DTOs declared with { type: [ItemDto] }', async () => {
    const testCase: Case = { dto: ItemDto, location: 'body', settings: {}, inputs: item, loc: ['items'] };
    const { compiled, reference } = checksFor(testCase, [ItemDto]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(fc.oneof(item, scalar), { maxLength: 4 }), junk), async (input) => {
        expect(await run(compiled, input)).to.deep.equal(await run(reference, input));
      }),
      { numRuns: 200 },
    );
  });

  it('answers scenario D of the benchmark without falling back', () => {
    const check = compileDtoCheck(EveryConstraintDto, 'body', resolveValidatorOptions({}), {});
    const errors: ValidationErrorEntry[] = [];
    const result = check?.({ name: 'Ada', email: 'ada@example.com', age: 36, '7': 'x' }, [], errors);
    expect(result).to.be.instanceOf(EveryConstraintDto);
    expect(errors).to.deep.equal([]);
  });

  it('hands values it does not reproduce (a Date, an unknown query key) back to class-validator', async () => {
    const body: Case = { dto: NestedDto, location: 'body', settings: {}, inputs: nested };
    const input = { address: new Date(0), items: [] };
    const errors: ValidationErrorEntry[] = [];
    expect(rawCheckFor(body)?.(input, [], errors)).to.equal(BAILED);
    const { compiled, reference } = checksFor(body);
    const expected = await run(reference, input);
    expect(expected.errors.map((entry) => [entry.loc, entry.type])).to.deep.equal([
      [['address', undefined], 'unknownValue'],
    ]);
    expect(await run(compiled, input)).to.deep.equal(expected);

    const query: Case = { dto: SearchDto, location: 'query', settings: {}, inputs: search };
    const withUnknownKey = Object.assign(Object.create(null), { page: '2', utm: 'mail' });
    expect(rawCheckFor(query)?.(withUnknownKey, [], [])).to.equal(BAILED);
    const checks = checksFor(query);
    expect(await run(checks.compiled, withUnknownKey)).to.deep.equal(await run(checks.reference, withUnknownKey));
  });
});

describe('compiled DTO check: what stays on class-validator', () => {
  const defaults = resolveValidatorOptions({});

  for (const [name, dto] of [
    ['a custom @Validate constraint', CustomConstraintDto],
    ['a built-in outside the compiled set (@IsUUID)', UuidDto],
    ['@Transform and @Expose', TransformedDto],
    ['a nested class that is not supported', ParentOfUuidDto],
  ] as const) {
    it(`leaves a DTO with ${name} to class-validator`, () => {
      expect(compileDtoCheck(dto, 'body', defaults, {})).to.equal(undefined);
    });
  }

  it('leaves every DTO to class-validator when class-transformer options are set', () => {
    expect(compileDtoCheck(AddressDto, 'body', defaults, { excludeExtraneousValues: true })).to.equal(undefined);
  });

  it('leaves every DTO to class-validator when a validator option it does not know is set', () => {
    const options = { ...defaults, somethingNew: true } as typeof defaults;
    expect(compileDtoCheck(AddressDto, 'body', options, {})).to.equal(undefined);
  });

  it('still validates unsupported DTOs through class-validator in a running app', async () => {
    @Controller()
    class FallbackController {
      @Post('/count')
      count(@Body() dto: CustomConstraintDto) {
        return { count: dto.count, isDto: dto instanceof CustomConstraintDto };
      }

      @Post('/uuid')
      uuid(@Body() dto: UuidDto) {
        return dto;
      }
    }
    const app = createApp({ controllers: [FallbackController], logger: false });
    const odd = await app.inject({ method: 'POST', url: '/count', payload: { count: 3 } });
    expect([odd.statusCode, odd.json()]).to.deep.equal([
      422,
      [{ loc: ['count'], msg: 'count must be even', type: 'isEven', in: 'body' }],
    ]);
    const even = await app.inject({ method: 'POST', url: '/count', payload: { count: 4, extra: 1 } });
    expect([even.statusCode, even.json()]).to.deep.equal([201, { count: 4, isDto: true }]);
    const uuid = await app.inject({ method: 'POST', url: '/uuid', payload: { id: 'nope' } });
    expect(uuid.json()).to.deep.equal([{ loc: ['id'], msg: 'id must be a UUID', type: 'isUuid', in: 'body' }]);
  });
});
