// Every ```ts block of the guide and the package READMEs type-checks against the built packages, so docs cannot rot.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { type CodeBlock, extractCodeBlocks } from './code-blocks';
import { guidePages, repositoryRoot } from './guide-pages';

// Inside the repository, so `@corbel/*` resolve through the workspace links exactly as an app's imports would.
const checkDirectory = join(repositoryRoot, 'test', '.docs-check');

interface Diagnostic {
  readonly page: string;
  readonly line: number;
  readonly message: string;
}

const COMPILER_OPTIONS = {
  target: 'es2022',
  module: 'node20',
  moduleResolution: 'node16',
  lib: ['es2023'],
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

/**
 * Writes each block as its own ES module (so top-level `await app.listen()` is fine and blocks do not share names),
 * type-checks them all in one compiler run, and maps each error back to its page and line.
 */
function compileBlocks(blocks: readonly CodeBlock[]): Diagnostic[] {
  rmSync(checkDirectory, { recursive: true, force: true });
  mkdirSync(checkDirectory, { recursive: true });
  const origins = new Map<string, { block: CodeBlock; preambleLines: number }>();
  blocks.forEach((block, index) => {
    const file = `block-${index}.mts`;
    const preamble = block.preamble === '' ? '' : `${block.preamble}\n`;
    writeFileSync(join(checkDirectory, file), `${preamble}${block.code}\nexport {};\n`);
    origins.set(file, { block, preambleLines: preamble === '' ? 0 : preamble.split('\n').length - 1 });
  });
  writeFileSync(
    join(checkDirectory, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ['*.mts'] }),
  );
  const tsc = join(repositoryRoot, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(tsc, ['-p', join(checkDirectory, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
  const diagnostics: Diagnostic[] = [];
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    const found = /(block-\d+\.mts)\((\d+),\d+\): (error .*)$/.exec(line);
    if (!found) {
      if (line.includes('error')) diagnostics.push({ page: 'tsc', line: 0, message: line });
      continue;
    }
    const origin = origins.get(found[1]);
    if (!origin) continue;
    const at = Number(found[2]);
    const inPreamble = at <= origin.preambleLines;
    diagnostics.push({
      page: origin.block.page,
      line: inPreamble ? origin.block.line - 1 : origin.block.line + at - origin.preambleLines - 1,
      message: `${inPreamble ? '(in the preamble) ' : ''}${found[3]}`,
    });
  }
  if (run.status !== 0 && diagnostics.length === 0) {
    diagnostics.push({ page: 'tsc', line: 0, message: `tsc exited ${run.status}: ${run.stderr || run.stdout}` });
  }
  return diagnostics;
}

describe('documentation code', () => {
  // The root README, the guide and each package's README.
  const pages = guidePages({ packages: true }).map((path) => relative(repositoryRoot, path));
  const blocks = pages.flatMap((page) => extractCodeBlocks(page, readFileSync(join(repositoryRoot, page), 'utf8')));
  let diagnostics: Diagnostic[] = [];

  before(function () {
    // One compiler run for every block of every page: a few seconds with TypeScript 7.
    this.timeout(120_000);
    diagnostics = compileBlocks(blocks);
  });

  it('finds the blocks to check (a broken extractor must not pass silently)', () => {
    expect(blocks.length).to.be.greaterThan(0);
  });

  it('reports no compiler error outside the pages (a broken setup must not pass silently)', () => {
    expect(diagnostics.filter(({ page }) => page === 'tsc')).to.deep.equal([]);
  });

  for (const page of pages) {
    it(`${page}: every ts block compiles as written`, () => {
      const errors = diagnostics.filter((diagnostic) => diagnostic.page === page);
      expect(errors.map(({ line, message }) => `${page}:${line}: ${message}`)).to.deep.equal([]);
    });
  }
});
