// Builds without TypeScript's type metadata are refused at createApp; swc with decoratorMetadata serves.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type App } from '@corbel/core';
import { transformSync as swcTransform } from '@swc/core';
import { expect } from 'chai';
import { transformSync as esbuildTransform } from 'esbuild';
import { startupError } from '../support/startup-error';

/** What the fixture exports, whichever tool compiled it. */
interface BooksFixture {
  booksApp(): App;
  parameterApp(): App;
  dtoApp(): App;
  injectionApp(): App;
  gatewayApp(): App;
}

const fixtureDirectory = resolve(__dirname, '../../type-metadata/fixture');
const source = readFileSync(join(fixtureDirectory, 'books-app.ts'), 'utf8');
// Next to the compiled tests, so the fixture's imports resolve from this repository's node_modules.
const outputDirectory = join(__dirname, 'compiled');

/** Loads code a tool produced from the fixture, as a CommonJS module. */
function load(tool: string, code: string): BooksFixture {
  mkdirSync(outputDirectory, { recursive: true });
  const file = join(outputDirectory, `${tool}-books-app.js`);
  writeFileSync(file, code);
  return require(file) as BooksFixture;
}

const builds: [string, () => BooksFixture][] = [
  [
    'esbuild (which never emits decorator metadata)',
    () =>
      load(
        'esbuild',
        esbuildTransform(source, {
          loader: 'ts',
          format: 'cjs',
          target: 'es2022',
          tsconfigRaw: { compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } },
        }).code,
      ),
  ],
  // Built by `tsc -b` with the rest of the project, from fixture/tsconfig.json.
  ['tsc with emitDecoratorMetadata: false', () => require(join(fixtureDirectory, 'dist/books-app.js')) as BooksFixture],
];

for (const [tool, build] of builds) {
  describe(`an app built with ${tool}`, () => {
    let fixture: BooksFixture;
    before(() => {
      fixture = build();
    });

    it('is refused at createApp with CORBEL_ERR_NO_TYPE_METADATA for a handler parameter, saying how to fix it', () => {
      const error = startupError(() => fixture.parameterApp());
      expect(error.code).to.equal('CORBEL_ERR_NO_TYPE_METADATA');
      expect(error.message).to.include("@Param('number') on PagesController.page");
      expect(error.message).to.include('emitDecoratorMetadata');
      expect(error.message).to.include('decoratorMetadata');
      expect(error.message).to.include('{ type: Number }');
    });

    it('is refused for a DTO property, naming the DTO, the property and the parameter', () => {
      const error = startupError(() => fixture.dtoApp());
      expect(error.code).to.equal('CORBEL_ERR_NO_TYPE_METADATA');
      expect(error.message).to.include('CreateBookDto.title (in @Body() on DraftsController.create (parameter #1))');
      expect(error.message).to.include('@Type(() => String)');
    });

    it('is refused for an injected constructor parameter', () => {
      const error = startupError(() => fixture.injectionApp());
      expect(error.code).to.equal('CORBEL_ERR_NO_TYPE_METADATA');
      expect(error.message).to.include('Cannot resolve the constructor of CountController: it takes 1 parameter(s)');
      expect(error.message).to.include('@Inject(token)');
    });

    it('is refused for a gateway @MessageBody', () => {
      const error = startupError(() => fixture.gatewayApp());
      expect(error.code).to.equal('CORBEL_ERR_NO_TYPE_METADATA');
      expect(error.message).to.include('@MessageBody() on ChatGateway.say (parameter #1)');
    });

    it('never starts serving: the whole app is refused', () => {
      expect(startupError(() => fixture.booksApp()).code).to.equal('CORBEL_ERR_NO_TYPE_METADATA');
    });
  });
}

describe('an app built with swc and jsc.transform.decoratorMetadata', () => {
  let app: App;
  before(() => {
    const { code } = swcTransform(source, {
      filename: 'books-app.ts',
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    });
    app = load('swc', code).booksApp();
  });

  it('converts path parameters from their declared type', async () => {
    const found = await app.inject('/books/1');
    expect(found.statusCode).to.equal(200);
    expect(found.json()).to.deep.equal({ id: 1, title: 'Dune', pages: 412 });
    expect((await app.inject('/books/abc')).statusCode).to.equal(404);
  });

  it('validates DTO bodies and injects constructor parameters', async () => {
    const post = (body: unknown) =>
      app.inject({
        method: 'POST',
        url: '/books',
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    const invalid = await post({ title: 'Emma', pages: 0 });
    expect(invalid.statusCode).to.equal(422);
    expect(invalid.json()).to.deep.equal([
      { loc: ['pages'], msg: 'pages must not be less than 1', type: 'min', in: 'body' },
    ]);
    const created = await post({ title: 'Emma', pages: 474 });
    expect(created.statusCode).to.equal(201);
    expect(created.json()).to.deep.equal({ id: 2, title: 'Emma', pages: 474 });
  });
});
