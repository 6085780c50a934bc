// Hostile CORS and Accept-Encoding headers: odd origins, methods and encodings never crash or leak a 500.
import { createApp } from '@corbel/core';
import { expect } from 'chai';
import { exchange, rawStatus } from '../support/raw-socket';
import { HealthController, type Served, serve } from './support/fixtures';
import { expectServing, guardProcess } from './support/guard';

const ODD_VALUES = [
  '__proto__',
  'constructor',
  'null',
  '*',
  '',
  ' ',
  'GET, POST',
  'x'.repeat(4000),
  '\xff\xfe obs-text',
  'http://a.example\t',
  'https://app.example.com, https://evil.example',
];

describe('hostile CORS and encoding headers', () => {
  let served: Served;
  before(async () => {
    served = await serve(
      createApp({
        controllers: [HealthController],
        logger: false,
        cors: { origin: [/^https:\/\/app\.example\.com$/], credentials: true },
        compression: { threshold: 0 },
        securityHeaders: true,
      }),
    );
  });
  after(() => served.app.close());
  guardProcess(() => expectServing(served.url));

  for (const value of ODD_VALUES) {
    it(`answers a preflight and a GET carrying ${JSON.stringify(value.slice(0, 30))} without a 5xx`, async () => {
      const head = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`, 'latin1');
      const preflight = await exchange(served.url, [
        head([
          'OPTIONS /health HTTP/1.1',
          'Host: x',
          `Origin: ${value}`,
          `Access-Control-Request-Method: ${value}`,
          `Access-Control-Request-Headers: ${value}`,
        ]),
      ]);
      expect(rawStatus(preflight.text)).to.be.oneOf([204, 400, 405]);
      expect(preflight.text).to.not.match(/access-control-allow-origin/i);
      const get = await exchange(served.url, [
        head(['GET /health HTTP/1.1', 'Host: x', `Origin: ${value}`, `Accept-Encoding: ${value}`]),
      ]);
      expect(rawStatus(get.text)).to.equal(200);
      expect(get.text).to.not.match(/access-control-allow-origin/i);
    });
  }
});
