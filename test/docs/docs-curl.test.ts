// Every curl the guide shows against the samples app is run against it, and prints what the guide says it prints.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { guidePages, repositoryRoot } from './guide-pages';
import { type CurlExample, extractCurlExamples, retarget } from './shell-blocks';

const run = promisify(execFile);
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');

function examples(): CurlExample[] {
  return guidePages().flatMap((path) => {
    const page = relative(repositoryRoot, path);
    return extractCurlExamples(page, readFileSync(path, 'utf8'));
  });
}

describe('documentation curl examples', () => {
  const found = examples();
  const app = createSampleApp({ logger: false });
  let origin = '';

  before(async () => {
    const { port } = await app.listen(0);
    origin = `127.0.0.1:${port}`;
  });

  after(() => app.close());

  it('finds the examples to run (a broken extractor must not pass silently)', () => {
    expect(found.length).to.be.greaterThan(0);
  });

  for (const example of found) {
    it(`${example.page}:${example.line}: ${example.command.slice(0, 90)}`, async () => {
      const { stdout } = await run('sh', ['-c', retarget(example.command, origin)], { timeout: 10_000 });
      if (example.shown?.language === 'json') {
        expect(JSON.parse(stdout), 'the JSON the page shows').to.deep.equal(JSON.parse(example.shown.body));
      } else if (example.shown?.language === 'text') {
        expect(stdout.trim(), 'the text the page shows').to.equal(example.shown.body.trim());
      }
    });
  }
});
