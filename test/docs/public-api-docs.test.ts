// Every name a package exports carries a JSDoc summary, so the generated API reference has no blank entries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';

// TypeScript 7's compiler has no JavaScript API yet; the 5.9 alias reads the same sources.
import ts = require('typescript-5.9');

const repositoryRoot = join(__dirname, '..', '..', '..');

interface PublicPackage {
  readonly name: string;
  readonly entry: string;
}

function publicPackages(): PublicPackage[] {
  return readdirSync(join(repositoryRoot, 'packages')).flatMap((directory) => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'packages', directory, 'package.json'), 'utf8'));
    const entry = join(repositoryRoot, 'packages', directory, 'src', 'index.ts');
    return manifest.private === true || !manifest.types ? [] : [{ name: manifest.name as string, entry }];
  });
}

/** The exported names of `entry` whose declaration has no JSDoc text. */
function undocumentedExports(program: ts.Program, entry: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} was not compiled`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((exported) => {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '';
    })
    .map((exported) => exported.getName())
    .sort();
}

describe('public API documentation', () => {
  const packages = publicPackages();
  let program: ts.Program;

  before(function () {
    this.timeout(60_000);
    program = ts.createProgram(
      packages.map(({ entry }) => entry),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        experimentalDecorators: true,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
    );
  });

  it('finds the packages to check', () => {
    expect(packages.map(({ name }) => name)).to.include.members(['@corbel/core', '@corbel/ws']);
  });

  for (const { name, entry } of packages) {
    it(`${name}: every export has a JSDoc summary`, () => {
      expect(undocumentedExports(program, entry)).to.deep.equal([]);
    });
  }
});
