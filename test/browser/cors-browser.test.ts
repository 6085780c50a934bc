// CORS with real browser semantics: a page on another origin calls the API with credentials, or is blocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Body, Controller, Cookie, type CorbelRequest, createApp, Get, Post, Req } from '@corbel/core';
import { expect } from 'chai';
import { type BrowserContext, chromium } from 'playwright-core';

@Controller()
class SessionController {
  @Post('/login')
  login(@Body('name') name: string, @Req() request: CorbelRequest) {
    request.setCookie('uid', name, { signed: true, httpOnly: true, sameSite: 'lax', path: '/' });
    return { welcome: name };
  }

  @Get('/me')
  me(@Cookie('uid', { signed: true, required: true }) uid: string) {
    return { uid };
  }
}

/** A page server: one HTML page, so the browser has an origin to fetch from. */
async function pageServer(host: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>page</title><p>page</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

interface PageResult {
  readonly login?: { status: number; body: unknown };
  readonly me?: { status: number; body: unknown };
  readonly error?: string;
}

describe('CORS in headless Chromium', function () {
  this.timeout(60_000);
  let api: App;
  let apiUrl: string;
  let allowed: { server: Server; origin: string };
  let refused: { server: Server; origin: string };
  let context: BrowserContext;
  let profile: string;

  before(async () => {
    // The allowed page is the same site as the API (127.0.0.1, another port): cross-origin, so CORS applies, yet
    // its SameSite=Lax cookie is sent with credentials. `localhost` is another site: the refused page.
    allowed = await pageServer('127.0.0.1');
    refused = await pageServer('localhost');
    api = createApp({
      controllers: [SessionController],
      logger: false,
      cookies: { secret: 'browser-test-secret' },
      cors: { origin: [allowed.origin], credentials: true },
    });
    apiUrl = (await api.listen(0)).url;
    profile = mkdtempSync(join(tmpdir(), 'corbel-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  after(async () => {
    await context?.close();
    await api?.close();
    allowed?.server.close();
    refused?.server.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function runIn(origin: string, base = apiUrl): Promise<PageResult> {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(async (base: string) => {
        try {
          // A JSON body makes this a non-simple request: the browser sends a preflight first.
          const login = await fetch(`${base}/login`, {
            method: 'POST',
            credentials: 'include',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'ada' }),
          });
          const me = await fetch(`${base}/me`, { credentials: 'include' });
          return {
            login: { status: login.status, body: await login.json() },
            me: { status: me.status, body: await me.json() },
          };
        } catch (error) {
          return { error: String(error) };
        }
      }, base);
    } finally {
      await page.close();
    }
  }

  it('lets a page on an allowed origin log in (preflight) and send its signed cookie back with credentials', async () => {
    const result = await runIn(allowed.origin);
    expect(result).to.deep.equal({
      login: { status: 201, body: { welcome: 'ada' } },
      me: { status: 200, body: { uid: 'ada' } },
    });
  });

  it('blocks a credentialed fetch from an allowed origin when the API does not say credentials: true', async () => {
    const withoutCredentials = createApp({
      controllers: [SessionController],
      logger: false,
      cookies: { secret: 'browser-test-secret' },
      cors: { origin: [allowed.origin] },
    });
    const { url } = await withoutCredentials.listen(0);
    try {
      expect((await runIn(allowed.origin, url)).error).to.match(/TypeError: Failed to fetch/);
    } finally {
      await withoutCredentials.close();
    }
  });

  it('blocks a page on another origin: fetch rejects and the script reads nothing', async () => {
    const result = await runIn(refused.origin);
    expect(result.error).to.match(/TypeError: Failed to fetch/);
    expect(result.login).to.equal(undefined);
  });
});
