// The Markdown pages users read: the root README, the guide under docs/ (not TypeDoc's output), package READMEs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..', '..');

function markdownFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    // docs/api is TypeDoc's output (npm run docs), not a page anyone writes.
    if (entry.isDirectory()) return entry.name === 'api' ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/**
 * Absolute paths of the root README and every guide page; with `packages`, each package's README too.
 * @example guidePages({ packages: true }).map((path) => relative(repositoryRoot, path))
 */
export function guidePages(options: { packages?: boolean } = {}): string[] {
  const pages = [join(repositoryRoot, 'README.md'), ...markdownFiles(join(repositoryRoot, 'docs'))];
  if (!options.packages) return pages;
  const readmes = readdirSync(join(repositoryRoot, 'packages'))
    .map((name) => join(repositoryRoot, 'packages', name, 'README.md'))
    .filter(existsSync);
  return [...pages, ...readmes];
}
