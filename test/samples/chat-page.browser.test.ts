// The chat page in a real browser: two members talk, own messages stand apart, refusals and errors are readable.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '@corbel/core';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../support/chromium';

const repositoryRoot = join(__dirname, '..', '..', '..');
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');
const outputDirectory = join(repositoryRoot, 'test', 'output');

describe('the chat page in a browser', function () {
  // Starting chromium takes seconds on a busy machine; every step waits for what it needs, never a fixed sleep.
  this.timeout(90_000);
  let app: App;
  let url: string;
  let browser: TestBrowser;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  async function openChat(): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${url}/chat`);
    return page;
  }

  async function joinLobby(page: Page, name: string): Promise<void> {
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
  }

  before(async () => {
    app = createSampleApp({ logger: false });
    ({ url } = await app.listen(0));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets two members talk, marks your own messages and timestamps every line', async () => {
    // 1. Ada and Grace join the lobby; each page says where it is.
    const ada = await openChat();
    const grace = await openChat();
    await joinLobby(ada, 'Ada');
    await ada.getByRole('status').filter({ hasText: 'In lobby as Ada.' }).waitFor();
    await joinLobby(grace, 'Grace');
    await grace.getByRole('status').filter({ hasText: 'In lobby as Grace.' }).waitFor();
    await ada.locator('#log li.system', { hasText: 'Grace joined' }).waitFor();

    // 2. Ada speaks: her page shows it as her own, Grace's as Ada's.
    await ada.getByLabel('Message').fill('Hello, Grace');
    await ada.getByRole('button', { name: 'Send' }).click();
    const own = ada.locator('#log li.own', { hasText: 'Hello, Grace' });
    await own.waitFor();
    expect(await own.locator('.meta').innerText()).to.match(/^you · \d{1,2}:\d{2}/);
    const received = grace.locator('#log li:not(.own):not(.system)', { hasText: 'Hello, Grace' });
    await received.waitFor();
    expect(await received.locator('.meta').innerText()).to.match(/^Ada · \d{1,2}:\d{2}/);

    // 3. The inputs are labelled and hold what the server accepts, no more.
    expect(await ada.getByLabel('Your name').getAttribute('maxlength')).to.equal('32');
    expect(await ada.getByLabel('Message').getAttribute('maxlength')).to.equal('500');

    // 4. Grace answers; on Ada's page the answer is someone else's.
    await grace.getByLabel('Message').fill('Hi Ada!');
    await grace.getByRole('button', { name: 'Send' }).click();
    await ada.locator('#log li:not(.own):not(.system)', { hasText: 'Hi Ada!' }).waitFor();

    mkdirSync(outputDirectory, { recursive: true });
    await ada.screenshot({ path: join(outputDirectory, 'chat-page.png') });
    await ada.close();
    await grace.close();
  });

  it('says why a name is refused instead of showing a bare close code', async () => {
    const page = await openChat();
    // A value set by a script is not held to maxlength: the page checks it as the server does.
    await page.getByLabel('Your name').evaluate((input) => {
      (input as unknown as { value: string }).value = 'n'.repeat(40);
    });
    await page.getByRole('button', { name: 'Join' }).click();
    const status = page.getByRole('status');
    await status.filter({ hasText: 'Names are 1 to 32 characters; this one has 40.' }).waitFor();
    expect(await status.getAttribute('class')).to.equal('error');
    expect(await page.getByLabel('Message').isDisabled()).to.equal(true);
    await page.close();
  });

  it('shows a message the server refuses as a readable error, and stays connected', async () => {
    const page = await openChat();
    await joinLobby(page, 'Linus');
    await page.getByRole('status').filter({ hasText: 'In lobby as Linus.' }).waitFor();
    // An empty message gets past the page only by a script; the server answers it with an error event.
    await page.getByLabel('Message').evaluate((input) => {
      (input as unknown as { required: boolean }).required = false;
    });
    await page.getByRole('button', { name: 'Send' }).click();
    const error = page.locator('#log li.error');
    await error.waitFor();
    expect(await error.locator('.text').innerText()).to.equal(
      'Not sent: text must be longer than or equal to 1 characters',
    );
    await page.getByLabel('Message').fill('still here');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#log li.own', { hasText: 'still here' }).waitFor();
    await page.close();
  });

  it('loads without a console error or a failed request (the favicon is served)', () => {
    expect(consoleErrors).to.deep.equal([]);
    expect(failedRequests).to.deep.equal([]);
  });
});
