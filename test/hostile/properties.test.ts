// Property-based checks of the pure rules: filter resolution, header normalisation, parameter conversion.
import {
  type AnyClass,
  Catch,
  Controller,
  createApp,
  type ExceptionFilter,
  Get,
  HTTPException,
  Param,
  Query,
  UseFilters,
} from '@corbel/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { send } from '../support/http-client';
import { HealthController, type Served, serve } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

type Scope = 'global' | 'controller' | 'method';
const NARROWEST_FIRST: readonly Scope[] = ['method', 'controller', 'global'];

/** A random class hierarchy: class i extends class parents[i] (-1 is the root). */
interface Hierarchy {
  readonly rootIsError: boolean;
  readonly parents: readonly number[];
}

/** A filter registered for class `target` (-1 is the root) in `scope`. */
interface Registration {
  readonly target: number;
  readonly scope: Scope;
}

const hierarchyArbitrary: fc.Arbitrary<Hierarchy> = fc
  .record({ rootIsError: fc.boolean(), raw: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }) })
  .map(({ rootIsError, raw }) => ({ rootIsError, parents: raw.map((value, index) => (value % (index + 1)) - 1) }));

function registrationsArbitrary(size: number): fc.Arbitrary<Registration[]> {
  // Unique per (class, scope): two filters for one key in one scope is a start-up error, tested elsewhere.
  return fc.uniqueArray(
    fc.record({
      target: fc.integer({ min: -1, max: size - 1 }),
      scope: fc.constantFrom<Scope>('global', 'controller', 'method'),
    }),
    { selector: ({ target, scope }) => `${target}/${scope}`, maxLength: 3 * (size + 1) },
  );
}

function namedClass(name: string, parent: AnyClass<unknown>): AnyClass<unknown> {
  const base = parent as new () => object;
  return { [name]: class extends base {} }[name];
}

function buildClasses(hierarchy: Hierarchy): { root: AnyClass<unknown>; classes: AnyClass<unknown>[] } {
  const root = hierarchy.rootIsError ? namedClass('RootError', Error) : namedClass('RootThing', Object);
  const classes: AnyClass<unknown>[] = [];
  hierarchy.parents.forEach((parent, index) => {
    classes.push(namedClass(`Error${index}`, parent === -1 ? root : classes[parent]));
  });
  return { root, classes };
}

function filterName({ target, scope }: Registration): string {
  return `Filter_${target === -1 ? 'root' : target}_${scope}`;
}

function filterFor(registration: Registration, key: AnyClass<unknown>): object {
  const name = filterName(registration);
  const filterClass = {
    [name]: class implements ExceptionFilter {
      catch(): unknown {
        return undefined;
      }
    },
  }[name];
  Catch(key)(filterClass);
  return filterClass;
}

/** The nearest ancestor with any registration wins; among its registrations, the narrowest scope. */
function expectedAnswer(hierarchy: Hierarchy, registrations: readonly Registration[], thrownIndex: number) {
  const names = (index: number) =>
    index === -1 ? (hierarchy.rootIsError ? 'RootError' : 'RootThing') : `Error${index}`;
  for (let index = thrownIndex; ; index = hierarchy.parents[index]) {
    for (const scope of NARROWEST_FIRST) {
      const registration = registrations.find((each) => each.target === index && each.scope === scope);
      if (registration) return { filter: filterName(registration), scope, key: names(index) };
    }
    if (index === -1) return { filter: 'InternalErrorFilter', scope: 'default', key: '*' };
  }
}

describe('properties', () => {
  describe('filter resolution', () => {
    it('picks the nearest registered ancestor, narrowest scope for that key, whatever the registration order', () => {
      const scenario = hierarchyArbitrary.chain((hierarchy) =>
        fc.record({
          hierarchy: fc.constant(hierarchy),
          registrations: registrationsArbitrary(hierarchy.parents.length),
        }),
      );
      fc.assert(
        fc.property(scenario, ({ hierarchy, registrations }) => {
          const { root, classes } = buildClasses(hierarchy);
          const keyOf = (target: number) => (target === -1 ? root : classes[target]);
          // The order of `registrations` is random: it is the order filters are listed in each scope.
          const inScope = (scope: Scope) =>
            registrations.filter((each) => each.scope === scope).map((each) => filterFor(each, keyOf(each.target)));

          class Probe {
            handle(): string {
              return 'ok';
            }
          }
          const descriptor = Object.getOwnPropertyDescriptor(Probe.prototype, 'handle')!;
          Controller('/probe')(Probe);
          Get()(Probe.prototype, 'handle', descriptor);
          const controllerFilters = inScope('controller');
          const methodFilters = inScope('method');
          if (controllerFilters.length > 0) UseFilters(...controllerFilters)(Probe);
          if (methodFilters.length > 0) UseFilters(...methodFilters)(Probe.prototype, 'handle', descriptor);

          const app = createApp({ controllers: [Probe], filters: inScope('global'), logger: false });
          classes.forEach((errorClass, index) => {
            const error = new (errorClass as new () => object)();
            expect(app.explainError(error, { method: 'GET', path: '/probe' })).to.deep.equal(
              expectedAnswer(hierarchy, registrations, index),
            );
          });
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('header normalisation', () => {
    it('HTTPException keeps header pairs in order, duplicates included, as a copy', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 12 }), (pairs) => {
          const snapshot = pairs.map(([name, value]) => [name, value]);
          const headers = new HTTPException(400, '', pairs).headers;
          expect(headers).to.deep.equal(snapshot);
          expect(headers).to.not.equal(pairs);
          headers?.forEach((pair) => {
            pair[1] = 'changed';
          });
          expect(pairs).to.deep.equal(snapshot);
        }),
      );
    });

    it('HTTPException keeps a header record in insertion order', () => {
      fc.assert(
        fc.property(fc.dictionary(fc.string(), fc.string(), { maxKeys: 12 }), (record) => {
          expect(new HTTPException(400, '', record).headers).to.deep.equal(Object.entries(record));
        }),
      );
    });

    describe('on the wire', () => {
      let served: Served;
      let pairs: [string, string][] = [];

      @Controller('/headers')
      class HeadersController {
        @Get()
        fail(): never {
          throw new HTTPException(409, 'conflict', pairs);
        }
      }

      before(async () => {
        served = await serve(createApp({ controllers: [HealthController, HeadersController], logger: false }));
      });
      after(() => served.app.close());
      guardProcess(() => expectServing(served.url));

      it('sends every value of a repeated header, in the order given', async () => {
        const name = fc.constantFrom('x-a', 'x-b', 'Set-Cookie', 'WWW-Authenticate', 'X-Mixed-Case');
        // Visible ASCII, no surrounding spaces (the parser trims those): what a header value can carry intact.
        const value = fc.stringMatching(/^[\x21-\x7e](?:[\x20-\x7e]{0,20}[\x21-\x7e])?$/);
        await fc.assert(
          fc.asyncProperty(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 10 }), async (generated) => {
            pairs = generated;
            const answer = await send(served.url, { path: '/headers' });
            expect(answer.status).to.equal(409);
            const received: [string, string][] = [];
            for (let index = 0; index < answer.rawHeaders.length; index += 2) {
              received.push([answer.rawHeaders[index].toLowerCase(), answer.rawHeaders[index + 1]]);
            }
            for (const headerName of new Set(generated.map(([each]) => each.toLowerCase()))) {
              const sent = generated.filter(([each]) => each.toLowerCase() === headerName).map(([, each]) => each);
              const got = received.filter(([each]) => each === headerName).map(([, each]) => each);
              expect(got, headerName).to.deep.equal(sent);
            }
          }),
          { numRuns: 60 },
        );
      });
    });
  });

  describe('parameter conversion', () => {
    @Controller('/convert')
    class ConvertController {
      @Get('/number')
      number(@Query('n') n: number) {
        return { n, type: typeof n };
      }

      @Get('/boolean')
      boolean(@Query('flag') flag: boolean) {
        return { flag, type: typeof flag };
      }

      @Get('/path/:id')
      path(@Param('id') id: number) {
        return { id, type: typeof id };
      }
    }

    const app = createApp({ controllers: [ConvertController], logger: false });
    const numberFailure = {
      loc: ['n'],
      msg: 'Input should be a valid number, unable to parse string as a number',
      type: 'number_parsing',
      in: 'query',
    };
    const booleanFailure = {
      loc: ['flag'],
      msg: 'Input should be a valid boolean, unable to interpret input (expected true, false, 1 or 0)',
      type: 'bool_parsing',
      in: 'query',
    };
    const numberLike = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.double().map(String),
      fc.integer().map(String),
      fc.stringMatching(/^[+-]?\d{0,4}(\.\d{0,4})?([eE][+-]?\d{1,3})?$/),
      fc.constantFrom('', ' 1', '1 ', '0x1f', '1_000', 'Infinity', '-0', '.5', '5.', '١٢', '1e999'),
    );
    // Raw URL text, percent signs included, so malformed escapes reach the server as they are.
    const rawFragment = fc.string({ unit: fc.constantFrom(...'%0123456789aAfFeE.+-xX'.split('')), maxLength: 12 });

    it('a number query parameter is a number equal to Number(input), or exactly one number_parsing entry', async () => {
      await fc.assert(
        fc.asyncProperty(numberLike, async (input) => {
          const answer = await app.inject({ method: 'GET', url: `/convert/number?n=${encodeURIComponent(input)}` });
          if (answer.statusCode === 200) {
            const { n, type } = answer.json();
            expect(type).to.equal('number');
            expect(n).to.equal(Number(input) === 0 ? 0 : Number(input));
            expect(Number.isFinite(n)).to.equal(true);
          } else {
            expect(answer.statusCode, `input ${JSON.stringify(input)}`).to.equal(422);
            expect(answer.json()).to.deep.equal([numberFailure]);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('raw URL text (malformed escapes included) in a number query gives a finite number or a 422', async () => {
      await fc.assert(
        fc.asyncProperty(rawFragment, async (fragment) => {
          const answer = await app.inject({ method: 'GET', url: `/convert/number?n=${fragment}` });
          if (answer.statusCode === 200) {
            expect(answer.json().type).to.equal('number');
            expect(Number.isFinite(answer.json().n)).to.equal(true);
          } else {
            expect(answer.statusCode, `fragment ${fragment}`).to.equal(422);
            expect(answer.json()).to.deep.equal([numberFailure]);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('a boolean query parameter is true/false as spelled, or exactly one bool_parsing entry', async () => {
      const booleanLike = fc.oneof(
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('true', 'false', 'TRUE', 'False', '1', '0', 'yes', 'on', ' true', '01'),
      );
      await fc.assert(
        fc.asyncProperty(booleanLike, async (input) => {
          const answer = await app.inject({ method: 'GET', url: `/convert/boolean?flag=${encodeURIComponent(input)}` });
          const lower = input.toLowerCase();
          if (lower === 'true' || lower === '1' || lower === 'false' || lower === '0') {
            expect(answer.statusCode).to.equal(200);
            expect(answer.json()).to.deep.equal({ flag: lower === 'true' || lower === '1', type: 'boolean' });
          } else {
            expect(answer.statusCode, `input ${JSON.stringify(input)}`).to.equal(422);
            expect(answer.json()).to.deep.equal([booleanFailure]);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('a repeated number query parameter always gives one multiple_values entry', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(numberLike, { minLength: 2, maxLength: 20 }), async (inputs) => {
          const query = inputs.map((input) => `n=${encodeURIComponent(input)}`).join('&');
          const answer = await app.inject({ method: 'GET', url: `/convert/number?${query}` });
          expect(answer.statusCode).to.equal(422);
          expect(answer.json()).to.deep.equal([
            {
              loc: ['n'],
              msg: `Input should be a single value, got ${inputs.length} values`,
              type: 'multiple_values',
              in: 'query',
            },
          ]);
        }),
        { numRuns: 100 },
      );
    });

    it('a number path parameter is a number, or the request is a 404 (400 for escapes that do not decode)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(numberLike.map(encodeURIComponent), rawFragment), async (segment) => {
          const answer = await app.inject({ method: 'GET', url: `/convert/path/${segment}` });
          if (answer.statusCode === 200) {
            expect(answer.json().type).to.equal('number');
            expect(Number.isFinite(answer.json().id)).to.equal(true);
          } else if (answer.statusCode === 400) {
            expect(answer.json()).to.deep.equal({ detail: 'Malformed percent-encoding in the URL path' });
          } else {
            expect(answer.statusCode, `segment ${segment}`).to.equal(404);
            expect(answer.json()).to.deep.equal({ detail: 'Not found' });
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
