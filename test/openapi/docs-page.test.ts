// The docs page in a real browser (Debian's chromium, driven by playwright-core): find, expand, try out, execute.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '@corbel/core';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { PNG } from '../uploads/support/multipart';

const repositoryRoot = join(__dirname, '..', '..', '..');
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');
const outputDirectory = join(repositoryRoot, 'test', 'output');

describe('the docs page in a browser', function () {
  // Starting Chromium takes a few seconds on a busy machine; each step below waits for what it needs, no sleeps.
  this.timeout(90_000);
  let app: App;
  let url: string;
  let browser: TestBrowser;
  let page: Page;
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    app = createSampleApp({ logger: false });
    ({ url } = await app.listen(0));
    browser = await launchChromium({ width: 1280, height: 1000 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens /docs, lists the operations, runs GET /books/{id} with try-it-out and shows the answer', async () => {
    // 1. The page loads Swagger UI and the document, and lists the operations.
    await page.goto(`${url}/docs`);
    const operation = page.locator('.opblock-get').filter({ has: page.locator('[data-path="/books/{id}"]') });
    await operation.waitFor();
    const paths = await page
      .locator('.opblock-summary-path')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path')));
    expect(paths).to.include.members(['/books/{id}', '/accounts', '/orders/{id}']);

    // 2. Expanding an operation shows its parameters and the documented responses.
    await operation.locator('.opblock-summary').click();
    await operation.locator('.parameters-container').waitFor();
    const statuses = await operation.locator('.responses-table .response-col_status').allInnerTexts();
    expect(statuses.map((status) => status.trim())).to.include.members(['200', '404', '500']);

    // 3. Try it out, fill the path parameter, execute: the request goes to this server.
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.locator('input[placeholder="id"]').fill('1');
    await operation.getByRole('button', { name: 'Execute' }).click();

    // 4. The live response shows the server's real answer.
    const live = operation.locator('.live-responses-table .response');
    await live.first().waitFor();
    expect((await live.locator('.response-col_status').first().innerText()).trim()).to.equal('200');
    const body = await live.locator('.response-col_description .microlight').first().innerText();
    expect(JSON.parse(body)).to.deep.equal({ id: 1, title: 'Dune' });

    mkdirSync(outputDirectory, { recursive: true });
    await page.screenshot({ path: join(outputDirectory, 'docs-page.png'), fullPage: false });
  });

  it('runs the multipart POST /documents with try-it-out: a file input for the binary field, the upload stored', async () => {
    // 1. The upload operation offers a form: text inputs for the DTO's fields, a file input for the file.
    const operation = page.locator('.opblock-post').filter({ has: page.locator('[data-path="/documents"]') });
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const file = operation.locator('input[type="file"]');
    await file.waitFor();
    expect(await file.count()).to.equal(1);
    expect(await operation.locator('.body-param-content-type select').inputValue()).to.equal('multipart/form-data');

    // 2. Fill the fields, choose a PNG, execute: Swagger UI sends multipart/form-data to this server.
    await operation.locator('tr[data-property-name="title"] input').fill('From the docs page');
    await operation.locator('tr[data-property-name="rating"] input[type="text"]').fill('4');
    await file.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
    await operation.getByRole('button', { name: 'Execute' }).click();

    // 3. The server stored it: 201 with the validated fields (the rating converted from the form's text).
    const live = operation.locator('.live-responses-table .response');
    await live.first().waitFor();
    expect((await live.locator('.response-col_status').first().innerText()).trim()).to.equal('201');
    const body = JSON.parse(await live.locator('.response-col_description .microlight').first().innerText());
    expect(body).to.include({ title: 'From the docs page', rating: 4, fileName: 'dot.png', mimeType: 'image/png' });
  });

  it('loaded everything from the app itself: no CDN, no outside validator, no script error', () => {
    expect(requested.length).to.be.greaterThan(3);
    expect(requested.filter((address) => !address.startsWith(url))).to.deep.equal([]);
    expect(requested).to.include(`${url}/docs/swagger-ui-bundle.js`).and.include(`${url}/openapi.json`);
    expect(requested).to.include(`${url}/books/1`);
    expect(consoleErrors).to.deep.equal([]);
  });
});
