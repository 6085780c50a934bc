// docs/error-codes.md lists exactly the codes the packages can throw, each with an example and a fix.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from '@corbel/core';
import { expect } from 'chai';

const repositoryRoot = join(__dirname, '..', '..', '..');
const PAGE = join(repositoryRoot, 'docs', 'error-codes.md');
// A code is CORBEL_ then an optional package word, ERR_, then its name: CORBEL_ERR_DUPLICATE_ROUTE.
const CODE = /\bCORBEL_(?:[A-Z0-9]+_)*?ERR_[A-Z0-9_]*[A-Z0-9]\b/g;
const QUOTED_CODE = /['"`](CORBEL_(?:[A-Z0-9]+_)*?ERR_[A-Z0-9_]*[A-Z0-9])['"`]/g;
const SECTION = /^## `(CORBEL_[A-Z0-9_]+)`\s*$/;

interface PublicPackage {
  readonly name: string;
  readonly directory: string;
}

function publicPackages(): PublicPackage[] {
  return readdirSync(join(repositoryRoot, 'packages')).flatMap((name) => {
    const directory = join(repositoryRoot, 'packages', name);
    const manifestPath = join(directory, 'package.json');
    if (!existsSync(manifestPath)) return [];
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return manifest.private === true ? [] : [{ name: manifest.name as string, directory }];
  });
}

function isCatalogue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys of every exported `…ErrorCodes` catalogue of every package (core's `ErrorCodes` among them). */
function cataloguedCodes(packages: readonly PublicPackage[]): Set<string> {
  const codes = new Set<string>(Object.keys(ErrorCodes));
  for (const { name } of packages) {
    const exports = require(name) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(exports)) {
      if (exported.endsWith('ErrorCodes') && isCatalogue(value)) for (const code of Object.keys(value)) codes.add(code);
    }
  }
  return codes;
}

function sourceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every code a package's source names as a string literal, catalogued or not: what users can meet. */
function codesInSources(packages: readonly PublicPackage[]): Set<string> {
  const codes = new Set<string>();
  for (const { directory } of packages) {
    for (const file of sourceFiles(join(directory, 'src'))) {
      for (const [, code] of readFileSync(file, 'utf8').matchAll(QUOTED_CODE)) codes.add(code);
    }
  }
  return codes;
}

/** The page's sections: each `## \`CODE\`` heading with the text up to the next heading. */
function sectionsOf(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  for (const line of markdown.split('\n')) {
    const heading = SECTION.exec(line);
    if (heading) {
      current = heading[1];
      if (sections.has(current)) throw new Error(`docs/error-codes.md has two sections for ${current}`);
      sections.set(current, '');
    } else if (/^#{1,6}\s/.test(line)) {
      current = undefined;
    } else if (current !== undefined) {
      sections.set(current, `${sections.get(current)}${line}\n`);
    }
  }
  return sections;
}

describe('the error-code catalogue page', () => {
  const packages = publicPackages();
  const known = new Set([...cataloguedCodes(packages), ...codesInSources(packages)]);
  const markdown = readFileSync(PAGE, 'utf8');
  const sections = sectionsOf(markdown);

  it('finds the codes and the sections to compare (a broken reader must not pass silently)', () => {
    expect(Object.keys(ErrorCodes)).to.include('CORBEL_ERR_DUPLICATE_ROUTE');
    expect(known.size).to.be.at.least(Object.keys(ErrorCodes).length);
    expect(sections.size).to.be.greaterThan(0);
  });

  it('has a section for every code in ErrorCodes and every code a package throws', () => {
    const missing = [...known].filter((code) => !sections.has(code)).sort();
    expect(missing, 'codes without a section in docs/error-codes.md').to.deep.equal([]);
  });

  it('names no code that no package defines, in a section heading or anywhere in its text', () => {
    const mentioned = new Set([...sections.keys(), ...[...markdown.matchAll(CODE)].map(([code]) => code)]);
    const unknown = [...mentioned].filter((code) => !known.has(code)).sort();
    expect(unknown, 'codes on the page that no catalogue or source defines').to.deep.equal([]);
  });

  it('gives every code an example message and a fix', () => {
    const incomplete = [...sections]
      .filter(([, text]) => !text.includes('**Example:**') || !text.includes('**Fix:**'))
      .map(([code]) => code);
    expect(incomplete, 'sections without **Example:** and **Fix:**').to.deep.equal([]);
  });
});
