// Hostile paths for serveStatic: nothing outside the root is ever sent, whatever the encoding or the link.
import { type AppOptions, serveStatic } from '@corbel/core';
import { expect } from 'chai';
import { exchange, rawBody, rawStatus } from '../support/raw-socket';
import { makeSite } from '../support/static-site';
import { useApps } from '../support/use-apps';

// Sent byte for byte on a raw socket, so no client normalises them first.
const HOSTILE_PATHS = [
  '/../secret/passwd',
  '/../../../../etc/passwd',
  '/docs/../../secret/passwd',
  '/%2e%2e/secret/passwd',
  '/%2E%2E/%2e%2e/etc/passwd',
  '/%2e%2e%2fsecret%2fpasswd',
  '/..%2fsecret%2fpasswd',
  '/..%5csecret%5cpasswd',
  '/%252e%252e/secret/passwd',
  '/hello.txt%00.html',
  '/%00',
  '/docs/%00/index.html',
  '//etc/passwd',
  '/etc/passwd',
  '/%2fetc%2fpasswd',
  '/link-out.txt',
  '/dir-out/',
  '/dir-out/index.html',
  '/.env',
  '/.hidden/file.txt',
  '/%2eenv',
  '/docs/.%2e/.env',
  '/%c0%ae%c0%ae/secret/passwd',
  '/hello.txt/',
  `/${'a/'.repeat(2000)}x`,
];

describe('hostile static paths', () => {
  const start = useApps();
  const site = makeSite();
  after(() => site.cleanup());

  for (const fallthrough of [true, false]) {
    for (const prefix of ['/', '/static']) {
      it(`never serve outside the root or a dotfile (fallthrough ${fallthrough}, prefix ${prefix}): 404, 403 or 400`, async () => {
        const options: AppOptions = { plugins: [serveStatic({ root: site.root, prefix, fallthrough })] };
        const { url } = await start(options);
        for (const hostile of HOSTILE_PATHS) {
          const path = prefix === '/' ? hostile : `${prefix}${hostile}`;
          const { text } = await exchange(url, [`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
          const status = rawStatus(text);
          expect([400, 403, 404], `${path} answered ${status}`).to.include(status);
          expect(text, path).to.not.match(/root:x:0:0|SECRET=1|outside index|hidden/);
          expect(rawBody(text), path).to.match(/^\{"detail":"[^"]*"\}$/);
        }
        // The same server still serves what it should.
        const { text } = await exchange(url, [
          `GET ${prefix === '/' ? '' : prefix}/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        ]);
        expect(rawBody(text)).to.equal('hello from the file');
      });
    }
  }
});
