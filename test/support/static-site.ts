// A throw-away folder of files for the static-file tests, with dotfiles and symlinks that point out of it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away site: files, a folder with an index, a dotfile, and symlinks pointing out of it. */
export function makeSite(): { root: string; outside: string; cleanup(): void } {
  const base = mkdtempSync(join(tmpdir(), 'corbel-static-'));
  const root = join(base, 'public');
  const outside = join(base, 'secret');
  mkdirSync(join(root, 'docs'), { recursive: true });
  mkdirSync(join(root, '.hidden'), { recursive: true });
  mkdirSync(join(outside, 'dir'), { recursive: true });
  writeFileSync(join(root, 'hello.txt'), 'hello from the file');
  writeFileSync(join(root, 'app.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  writeFileSync(join(root, 'data.json'), '{"a":1}');
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'docs', 'index.html'), '<h1>docs</h1>');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(root, '.hidden', 'file.txt'), 'hidden');
  writeFileSync(join(root, 'digits.txt'), '0123456789');
  writeFileSync(join(outside, 'passwd'), 'root:x:0:0');
  writeFileSync(join(outside, 'dir', 'index.html'), 'outside index');
  symlinkSync(join(outside, 'passwd'), join(root, 'link-out.txt'));
  symlinkSync(join(outside, 'dir'), join(root, 'dir-out'));
  symlinkSync(join(root, 'hello.txt'), join(root, 'link-in.txt'));
  return { root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
