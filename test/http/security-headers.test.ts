// securityHeaders: helmet's headers on every answer (errors and unmatched requests included), its options passed on.
import { Controller, Get, json } from '@corbel/core';
import { expect } from 'chai';
import helmet from 'helmet';
import { rawHeaderValues, send } from '../support/http-client';
import { useApps } from '../support/use-apps';

@Controller('/s')
class SecureController {
  @Get()
  read() {
    return { ok: true };
  }

  @Get('/own-csp')
  ownPolicy() {
    return json({ ok: true }, 200, { 'Content-Security-Policy': "default-src 'none'" });
  }

  @Get('/crash')
  crash(): never {
    throw new Error('boom');
  }
}

/** What helmet itself sets for `options`, through its own middleware: the expected headers, not a copy of them. */
function helmetHeaders(options?: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: () => {},
  };
  helmet(options)({} as never, response as never, () => {});
  return headers;
}

function picked(actual: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, actual[name]]));
}

describe('security headers', () => {
  const start = useApps();

  it("are helmet's defaults on a result, a 500, a 404 and a 405", async () => {
    const { url } = await start({ controllers: [SecureController], securityHeaders: true });
    const expected = helmetHeaders();
    expect(Object.keys(expected)).to.include.members(['content-security-policy', 'strict-transport-security']);
    for (const [method, path] of [
      ['GET', '/s'],
      ['GET', '/s/crash'],
      ['GET', '/nowhere'],
      ['POST', '/s'],
    ]) {
      const answer = await send(url, { method, path });
      expect(picked(answer.headers, Object.keys(expected)), `${method} ${path}`).to.deep.equal(expected);
    }
  });

  it("pass helmet's options through, and lose to a header the answer sets itself", async () => {
    const options = { contentSecurityPolicy: false, frameguard: { action: 'deny' as const }, hsts: false };
    const { url } = await start({ controllers: [SecureController], securityHeaders: options });
    const answer = await send(url, { path: '/s' });
    const expected = helmetHeaders(options);
    expect(expected['x-frame-options']).to.equal('DENY');
    expect(picked(answer.headers, Object.keys(expected))).to.deep.equal(expected);
    expect(answer.headers['content-security-policy']).to.equal(undefined);
    expect(answer.headers['strict-transport-security']).to.equal(undefined);
    const own = await start({ controllers: [SecureController], securityHeaders: true });
    const policy = await send(own.url, { path: '/s/own-csp' });
    expect(rawHeaderValues(policy, 'content-security-policy')).to.deep.equal(["default-src 'none'"]);
  });

  it('are off by default', async () => {
    const { url } = await start({ controllers: [SecureController] });
    const answer = await send(url, { path: '/s' });
    expect(answer.headers['x-content-type-options']).to.equal(undefined);
    expect(answer.headers['content-security-policy']).to.equal(undefined);
  });
});
